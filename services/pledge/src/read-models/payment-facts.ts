import type { Pool } from 'pg';
import type { ReplyOf, RequestOf, getPledgePaymentFacts } from '@elan/contracts';
import { readStreamPage, streamPageSql, type PagedStream, type StreamPageSelection } from '@elan/transparency';
import { pledgeStream, type PledgeEvent } from '../pledge';
import { paymentFactsOf } from './receipts';

type FactsPage = ReplyOf<typeof getPledgePaymentFacts>;
type PledgePaymentFact = FactsPage['facts'][number];

const PREFIX = pledgeStream('');

/** The events `paymentFactsOf` reads; the others are read only for their position and hash. */
const MONEY_EVENTS: readonly PledgeEvent['type'][] = ['PledgeCommitted', 'PledgeCollected', 'PledgeCancelled', 'PledgeRefunded'];

/**
 * The events that make a pledge paid: a keep-it-all commitment that charged, an all-or-nothing
 * collection. Written once, for the page's filter and the partial index that serves it
 * (`paymentFactsMigrations`): PostgreSQL uses the index only when the two say the same.
 */
export const PLEDGE_PAYMENT_EVENT = `(type = 'PledgeCollected' OR (type = 'PledgeCommitted' AND data->>'charged' = 'true'))`;

/*
 * The source of truth is the pledge's own stream, not the `pledges` view (which keeps only the
 * latest state): a pledge is paid by one of `PLEDGE_PAYMENT_EVENT`, and `paymentFactsOf` (the receipts' fold) then says the amounts,
 * the PaymentIntent and the refund; a stream holds at most one of those events (a pledge commits
 * once, and only a keep-it-all commitment charges; it is collected once). The page is read as
 * `readStreamPage` reads one: each fact and the head it names from one snapshot, in pledge-id order.
 */
const PAID_PLEDGES: StreamPageSelection = { prefix: PREFIX, selectedBy: PLEDGE_PAYMENT_EVENT };

/** The page's statement, for its plan to be looked at. */
export const pledgePaymentFactsSql = (schema: string): string => streamPageSql(schema, PAID_PLEDGES);

const factOf = ({ id, head, events }: PagedStream): PledgePaymentFact | undefined => {
  const { paid, refund } = paymentFactsOf(events as readonly PledgeEvent[]);
  if (!paid) return undefined;
  return {
    pledgeId: id,
    campaignId: paid.campaignId,
    paymentIntentId: paid.paymentIntentId,
    paid: paid.amount,
    refunded: refund ? refund.pledge : null,
    stream: head,
  };
};

/**
 * One page of the pledges ever paid or collected, in pledge-id order after `after`, for the
 * reconciliation. A pledge cancelled, released or dropped before any charge is absent; money
 * taken for a pledge that never counted (late, or after abandonment) was never a pledge's
 * payment and is absent too (it is refunded whole, pledge and tip, by the same events' effects).
 */
export const pledgePaymentFactsPage = async (
  pool: Pool,
  schema: string,
  { after, limit }: RequestOf<typeof getPledgePaymentFacts>,
): Promise<FactsPage> => {
  const { streams, next } = await readStreamPage(pool, schema, PAID_PLEDGES, { after, limit, dataOf: MONEY_EVENTS });
  return { facts: streams.map(factOf).filter((fact): fact is PledgePaymentFact => fact !== undefined), next };
};
