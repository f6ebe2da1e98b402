import type { PoolClient } from 'pg';
import type { PostgresEventStore, Subscription } from '@elan/event-store';
import { ledgerLineOf, type TipState } from '../tip';
import { touchedTips } from '../streams/touched-tips';
import type { TipStreams } from '../streams/tip-streams';

/** The subscription's checkpoint name. */
export const TIP_LEDGER_PROJECTION = 'tip-ledger';

/** Writes the tip's ledger line (`ledgerLineOf`), or removes it when the tip no longer counts. */
const project = async (client: PoolClient, schema: string, tip: TipState): Promise<void> => {
  if (tip.status === 'none') return;
  const line = ledgerLineOf(tip);
  if (!line) {
    await client.query(`DELETE FROM ${schema}.tip_ledger_lines WHERE tip_id = $1`, [tip.tipId]);
    return;
  }
  await client.query(
    `INSERT INTO ${schema}.tip_ledger_lines (tip_id, paid_month, amount, currency, refunded) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tip_id) DO UPDATE SET paid_month = $2, amount = $3, currency = $4, refunded = $5`,
    [tip.tipId, line.paidMonth, line.amount.amount, line.amount.currency, line.refunded],
  );
};

/**
 * The ledger's read model, kept from the tip log: its lines commit with the checkpoint, so each
 * event counts exactly once, and the ledger always equals what the tip streams say.
 */
export const tipLedgerProjection = (
  store: PostgresEventStore,
  tips: TipStreams,
  options: { onError?: (error: unknown) => void } = {},
): Subscription =>
  store.subscribe({
    name: TIP_LEDGER_PROJECTION,
    handle: async (events, client) => {
      for (const tip of await touchedTips(tips, events, client)) await project(client, store.schema, tip);
    },
    ...(options.onError && { onError: options.onError }),
  });
