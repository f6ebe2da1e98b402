import type { Pool } from 'pg';
import type { ReplyOf, RequestOf, getTipPaymentFacts } from '@elan/contracts';
import type { Money } from '@elan/domain-kernel';
import { readStreamPage, streamPageSql, type PagedStream, type StreamPageSelection } from '@elan/transparency';
import { tipStream, type TipEvent } from '../tip';

type FactsPage = ReplyOf<typeof getTipPaymentFacts>;
type TipPaymentFact = FactsPage['facts'][number];

const PREFIX = tipStream('');

/** What a tip's log says of its money: the payment that carried it, and what was given back. */
export interface TipPayment {
  readonly pledgeId: string;
  readonly paymentId: string;
  readonly paid: Money;
  /** Refunded alone or with its pledge; a tip is refunded at most once. */
  readonly refunded?: Money;
}

/** Folds a tip's events into its payment, as the events themselves state the amounts; undefined while unpaid. */
export const tipPaymentOf = (events: readonly TipEvent[]): TipPayment | undefined =>
  events.reduce<TipPayment | undefined>((payment, event) => {
    switch (event.type) {
      case 'TipPaid': {
        const { pledgeId, paymentId, amount } = event.data;
        return { pledgeId, paymentId, paid: amount };
      }
      case 'TipRefunded':
      case 'TipRefundedWithPledge':
        return payment && { ...payment, refunded: event.data.amount };
      default:
        return payment;
    }
  }, undefined);

/**
 * The event that makes a tip paid above 0. Written once, for the page's filter and the partial
 * index that serves it (`tipPaymentFactsMigrations`): PostgreSQL uses the index only when the two
 * say the same. A tip is paid once.
 */
export const TIP_PAYMENT_EVENT = `(type = 'TipPaid' AND (data->'amount'->>'amount')::bigint > 0)`;

/*
 * From the tip streams themselves (the source of truth; the ledger's lines keep no payment id):
 * the page is the streams with a `TipPaid` above 0, in tip-id order, read as `readStreamPage`
 * reads one, so each fact and the head it names come from one snapshot. Tip events hold no
 * personal data.
 */
const PAID_TIPS: StreamPageSelection = { prefix: PREFIX, selectedBy: TIP_PAYMENT_EVENT };

/** The page's statement, for its plan to be looked at. */
export const tipPaymentFactsSql = (schema: string): string => streamPageSql(schema, PAID_TIPS);

const factOf = ({ id, head, events }: PagedStream): TipPaymentFact | undefined => {
  const payment = tipPaymentOf(events as readonly TipEvent[]);
  if (!payment) return undefined;
  return {
    tipId: id,
    pledgeId: payment.pledgeId,
    paymentIntentId: payment.paymentId,
    paid: payment.paid,
    refunded: payment.refunded ?? null,
    stream: head,
  };
};

/**
 * One page of the tips above 0 ever paid, in tip-id order after `after`, for the reconciliation.
 * A tip of 0, or one released with its pledge before any payment, is absent.
 */
export const tipPaymentFactsPage = async (
  pool: Pool,
  schema: string,
  { after, limit }: RequestOf<typeof getTipPaymentFacts>,
): Promise<FactsPage> => {
  const { streams, next } = await readStreamPage(pool, schema, PAID_TIPS, { after, limit });
  return { facts: streams.map(factOf).filter((fact): fact is TipPaymentFact => fact !== undefined), next };
};
