import type { Pool } from 'pg';
import type { ReplyOf, RequestOf, getTipPaymentFacts } from '@elan/contracts';
import type { Money } from '@elan/domain-kernel';
import { assertSchemaName } from '@elan/event-store';
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

interface FactRow {
  stream_id: string;
  stream_position: string;
  hash: string;
  type: string;
  data: unknown;
}

/*
 * From the tip streams themselves (the source of truth; the ledger's lines keep no payment id):
 * the page is the streams with a `TipPaid` above 0, in tip-id order compared byte by byte
 * (`COLLATE "C"`), read with all their events in one statement, so each fact and the head it
 * names come from one snapshot. Tip events hold no personal data.
 */
export const tipPaymentFactsSql = (schema: string): string => {
  const s = assertSchemaName(schema);
  return `
  WITH page AS (
    SELECT stream_id FROM ${s}.events
    WHERE stream_id LIKE '${PREFIX}%' AND stream_id COLLATE "C" > $1
      AND ${TIP_PAYMENT_EVENT}
    ORDER BY stream_id COLLATE "C"
    LIMIT $2
  )
  SELECT e.stream_id, e.stream_position, encode(e.hash, 'hex') AS hash, e.type, e.data
  FROM ${s}.events e JOIN page ON page.stream_id = e.stream_id
  ORDER BY e.stream_id COLLATE "C", e.stream_position`;
};

const byStream = (rows: readonly FactRow[]): FactRow[][] =>
  rows.reduce<FactRow[][]>((streams, row) => {
    const current = streams[streams.length - 1];
    if (current?.[0]?.stream_id === row.stream_id) current.push(row);
    else streams.push([row]);
    return streams;
  }, []);

const factOf = (rows: readonly FactRow[]): TipPaymentFact | undefined => {
  const head = rows[rows.length - 1];
  if (!head) return undefined;
  const payment = tipPaymentOf(rows.map(({ type, data }) => ({ type, data }) as TipEvent));
  if (!payment) return undefined;
  return {
    tipId: head.stream_id.slice(PREFIX.length),
    pledgeId: payment.pledgeId,
    paymentIntentId: payment.paymentId,
    paid: payment.paid,
    refunded: payment.refunded ?? null,
    stream: { streamId: head.stream_id, position: Number(head.stream_position), hash: head.hash },
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
  const { rows } = await pool.query<FactRow>(tipPaymentFactsSql(schema), [tipStream(after ?? ''), limit]);
  const streams = byStream(rows);
  const facts = streams.map(factOf).filter((fact): fact is TipPaymentFact => fact !== undefined);
  const last = streams[streams.length - 1]?.[0];
  return { facts, next: streams.length === limit && last ? last.stream_id.slice(PREFIX.length) : null };
};
