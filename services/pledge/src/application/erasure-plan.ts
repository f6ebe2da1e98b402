import type { PledgeState } from '../pledge';

/**
 * What erasing a person does to one of their pledges, decided from its folded state:
 *
 * - `abandon`: a checkout not finished (placed, awaiting payment or card setup, payment failed)
 *   ends; the effects worker cancels its intent at Stripe, and a payment that still succeeds is
 *   refunded (`AbandonedPaymentRefunded`).
 * - `cancel`: a committed all-or-nothing pledge before its deadline is withdrawn; nothing was
 *   charged, nothing will be.
 * - `blocks`: an all-or-nothing pledge that may still be charged without the person doing
 *   anything — committed past its deadline (the campaign's outcome decides), being collected, or
 *   with a new card waiting for its collection. Erasure waits until it settles, rather than
 *   leaving a charge to happen to someone it no longer knows, or breaking a total already tallied.
 * - `keep`: everything else stays as it is, amounts and tips intact — paid keep-it-all pledges
 *   (a contract executed), refunds asked for, and ended pledges. A declined collection is kept
 *   too: only its contributor could update the card, and after erasure nobody can log in as
 *   them, so the sweeper drops it when its window closes.
 */
export type ErasureStep = 'abandon' | 'cancel' | 'blocks' | 'keep';

const UNFINISHED = new Set(['placed', 'awaiting_payment', 'awaiting_card_setup', 'payment_failed']);

export const erasureStepOf = (state: PledgeState, now: Date): ErasureStep => {
  if (state.status === 'none') return 'keep';
  if (UNFINISHED.has(state.status)) return 'abandon';
  if (state.fundingModel !== 'all_or_nothing') return 'keep';
  const beforeDeadline = now.getTime() < Date.parse(state.deadline);
  if (state.status === 'committed') return beforeDeadline ? 'cancel' : 'blocks';
  if (state.status === 'collecting' || state.status === 'card_updated') return 'blocks';
  return 'keep';
};
