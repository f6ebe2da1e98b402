import type { Pool } from 'pg';
import type { ReplyOf, RequestOf, getPledgePaymentFacts } from '@elan/contracts';
import { assertSchemaName } from '@elan/event-store';
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

interface FactRow {
  stream_id: string;
  stream_position: string;
  hash: string;
  type: string;
  data: unknown;
}

/*
 * The source of truth is the pledge's own stream, not the `pledges` view (which keeps only the
 * latest state): a pledge is paid by one of `PLEDGE_PAYMENT_EVENT`, and `paymentFactsOf` (the receipts' fold) then says the amounts,
 * the PaymentIntent and the refund; a stream holds at most one of those events (a pledge commits
 * once, and only a keep-it-all commitment charges; it is collected once). The page of streams and their events are read in one
 * statement, so each fact and the head it names come from one snapshot. Ids are compared in byte
 * order (`COLLATE "C"`), whatever the database's collation; every stream shares the prefix, so
 * stream-id order is pledge-id order.
 */
export const pledgePaymentFactsSql = (schema: string): string => {
  const s = assertSchemaName(schema);
  return `
  WITH page AS (
    SELECT stream_id FROM ${s}.events
    WHERE stream_id LIKE '${PREFIX}%' AND stream_id COLLATE "C" > $1
      AND ${PLEDGE_PAYMENT_EVENT}
    ORDER BY stream_id COLLATE "C"
    LIMIT $2
  )
  SELECT e.stream_id, e.stream_position, encode(e.hash, 'hex') AS hash, e.type,
         CASE WHEN e.type = ANY($3::text[]) THEN e.data END AS data
  FROM ${s}.events e JOIN page ON page.stream_id = e.stream_id
  ORDER BY e.stream_id COLLATE "C", e.stream_position`;
};

/** The rows of each stream, in the order read. */
const byStream = (rows: readonly FactRow[]): FactRow[][] =>
  rows.reduce<FactRow[][]>((streams, row) => {
    const current = streams[streams.length - 1];
    if (current?.[0]?.stream_id === row.stream_id) current.push(row);
    else streams.push([row]);
    return streams;
  }, []);

const factOf = (rows: readonly FactRow[]): PledgePaymentFact | undefined => {
  const head = rows[rows.length - 1];
  if (!head) return undefined;
  const events = rows.filter((row) => row.data !== null).map(({ type, data }) => ({ type, data }) as PledgeEvent);
  const { paid, refund } = paymentFactsOf(events);
  if (!paid) return undefined;
  return {
    pledgeId: head.stream_id.slice(PREFIX.length),
    campaignId: paid.campaignId,
    paymentIntentId: paid.paymentIntentId,
    paid: paid.amount,
    refunded: refund ? refund.pledge : null,
    stream: { streamId: head.stream_id, position: Number(head.stream_position), hash: head.hash },
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
  const { rows } = await pool.query<FactRow>(pledgePaymentFactsSql(schema), [pledgeStream(after ?? ''), limit, MONEY_EVENTS]);
  const streams = byStream(rows);
  const facts = streams.map(factOf).filter((fact): fact is PledgePaymentFact => fact !== undefined);
  const last = streams[streams.length - 1]?.[0];
  return { facts, next: streams.length === limit && last ? last.stream_id.slice(PREFIX.length) : null };
};
