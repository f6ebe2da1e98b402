import type { Instant, PayoutAccountEvent, VerificationFacts } from './payout-account.events';

export interface NoPayoutAccount {
  readonly status: 'none';
}

export interface OpenedPayoutAccount extends VerificationFacts {
  readonly holderId: string;
  readonly stripeAccountId: string;
  readonly openedAt: Instant;
  /** Stripe's time of the last update applied; null until the first `account.updated`. */
  readonly stripeUpdatedAt: Instant | null;
}

export type PayoutAccountState = NoPayoutAccount | OpenedPayoutAccount;

export const initialState = (): PayoutAccountState => ({ status: 'none' });

export const evolve = (state: PayoutAccountState, event: PayoutAccountEvent): PayoutAccountState => {
  switch (event.type) {
    case 'PayoutAccountOpened': {
      const { holderId, stripeAccountId, requirements, disabledReason, openedAt } = event.data;
      return {
        status: 'pending',
        holderId,
        stripeAccountId,
        requirements,
        disabledReason,
        canReceiveTransfers: false,
        openedAt,
        stripeUpdatedAt: null,
      };
    }
    case 'PayoutAccountPending':
    case 'PayoutAccountVerified':
    case 'PayoutAccountRestricted': {
      if (state.status === 'none') return state;
      const { status, requirements, disabledReason, canReceiveTransfers, stripeUpdatedAt } = event.data;
      return { ...state, status, requirements, disabledReason, canReceiveTransfers, stripeUpdatedAt };
    }
    default:
      return state;
  }
};
