import type { PostgresEventStore, Subscription } from '@elan/event-store';
import { touchedTips } from '../streams/touched-tips';
import type { TipStreams } from '../streams/tip-streams';

/** The subscription's checkpoint name. */
export const TIP_REFUNDS_OWED_PROJECTION = 'tip-refunds-owed';

/**
 * Turns every tip refunded above 0 (alone or with its pledge) into a refund owed at Stripe, in
 * the transaction that moves the checkpoint: a refund decided is never forgotten, and never owed
 * twice (the tip is the key). The refund worker pays what is owed.
 */
export const tipRefundsOwedProjection = (
  store: PostgresEventStore,
  tips: TipStreams,
  options: { onOwed?: () => void; onError?: (error: unknown) => void } = {},
): Subscription =>
  store.subscribe({
    name: TIP_REFUNDS_OWED_PROJECTION,
    handle: async (events, client) => {
      let owed = 0;
      for (const tip of await touchedTips(tips, events, client)) {
        if (tip.status !== 'refunded' || tip.amount.amount === 0) continue;
        const inserted = await client.query(
          `INSERT INTO ${store.schema}.tip_refunds (tip_id, payment_id, amount, currency) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tip_id) DO NOTHING`,
          [tip.tipId, tip.paymentId, tip.amount.amount, tip.amount.currency],
        );
        owed += inserted.rowCount ?? 0;
      }
      // Before the commit: the worker may look too early, and then finds the row on its next round.
      if (owed > 0) options.onOwed?.();
    },
    ...(options.onError && { onError: options.onError }),
  });
