import type { NatsConnection } from 'nats';
import {
  getPledgePaymentFacts,
  getTipLedger,
  getTipPaymentFacts,
  MAX_FACTS_PER_PAGE,
  verifyPledgeStreams,
  verifyTipStreams,
} from '@elan/contracts';
import { RequestClient } from '@elan/messaging';
import type { ChainReport, PledgeFact, TipFact, TipLedgerTotal } from './reconciliation.types';

/** What the reconciliation asks the other money services: their own account of the money, and their chains. */
export interface MoneyServices {
  pledgeFacts(): Promise<PledgeFact[]>;
  tipFacts(): Promise<TipFact[]>;
  verifyPledgeStreams(): Promise<ChainReport>;
  verifyTipStreams(): Promise<ChainReport>;
  /** The tipping ledger's months in `currency`, summed. */
  tipLedger(currency: string): Promise<TipLedgerTotal>;
}

/** Every page, `after` the previous page's `next`, until a page says there is none. */
const everyPage = async <F>(page: (after: string | undefined) => Promise<{ facts: F[]; next: string | null }>): Promise<F[]> => {
  const all: F[] = [];
  let after: string | undefined;
  do {
    const { facts, next } = await page(after);
    all.push(...facts);
    after = next ?? undefined;
  } while (after !== undefined);
  return all;
};

/**
 * Over NATS request/reply, as the payout service's own user (ADR 0011 grants it exactly these
 * requests). A verification walks a whole store: it gets a longer timeout than a page.
 */
export const moneyServicesOver = (nc: NatsConnection, timeoutMs = 30_000): MoneyServices => {
  const client = new RequestClient({ connection: () => nc, timeoutMs });
  const limit = MAX_FACTS_PER_PAGE;
  return {
    pledgeFacts: () => everyPage((after) => client.request(getPledgePaymentFacts, { limit, ...(after && { after }) })),
    tipFacts: () => everyPage((after) => client.request(getTipPaymentFacts, { limit, ...(after && { after }) })),
    verifyPledgeStreams: () => client.request(verifyPledgeStreams, {}, { timeoutMs: timeoutMs * 4 }),
    verifyTipStreams: () => client.request(verifyTipStreams, {}, { timeoutMs: timeoutMs * 4 }),
    tipLedger: async (currency) => {
      const { months } = await client.request(getTipLedger, { currency });
      return {
        total: { amount: months.reduce((sum, month) => sum + month.total.amount, 0), currency },
        tips: months.reduce((sum, month) => sum + month.tips, 0),
      };
    },
  };
};
