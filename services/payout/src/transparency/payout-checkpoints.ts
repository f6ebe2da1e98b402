import type { PostgresEventStore, RecordedEvent } from '@elan/event-store';
import type { CheckpointIssuer } from '@elan/transparency';

/** The subscription's name (its row in the payout schema's `checkpoints`). */
export const PAYOUT_CHECKPOINTS_SUBSCRIPTION = 'payout-transparency-checkpoints';

/** The facts that move money to or back from a holder: each is followed by a signed checkpoint. */
export const PAYOUT_FACTS = ['StatementPaid', 'AdvanceReversalRecorded'] as const;

/** Whether a batch of the payout log holds a payout (a statement paid, an advance reversed). */
export const holdsPayout = (events: readonly Pick<RecordedEvent, 'type'>[]): boolean =>
  events.some((event) => (PAYOUT_FACTS as readonly string[]).includes(event.type));

/**
 * "Every hour and on each payout" (issue #11): a catch-up subscription on the payout log that
 * issues a checkpoint once a batch holds a statement paid or an advance reversed. It reads only
 * committed events, so the checkpoint covers the payout; and its position moves only once the
 * checkpoint is signed, so a crash between the payout and the checkpoint still ends in one (at
 * worst two, which costs nothing). The statements themselves know nothing of it.
 */
export const payoutCheckpointTrigger = (
  store: PostgresEventStore,
  issuer: CheckpointIssuer,
  onError: (error: unknown) => void,
): { readonly name: string; start(): Promise<void>; stop(): Promise<void> } => {
  const subscription = store.subscribe({
    name: PAYOUT_CHECKPOINTS_SUBSCRIPTION,
    handle: async (events) => {
      if (holdsPayout(events)) await issuer.issueNow();
    },
    onError,
  });
  return { name: 'the checkpoint on each payout', start: () => subscription.start(), stop: () => subscription.stop() };
};
