import { IllegalStateError, type Money } from '@elan/domain-kernel';
import type { PledgeEvent } from './pledge.events';
import type { Contributor, ContributorDetails, FundingModel, Instant, PledgeTier, TierHold, TipChoice } from './pledge.values';

/** A unit held for the pledge, until it is released. */
export interface HeldUnit extends TierHold {
  readonly tierId: string;
}

/** What every existing pledge has, whatever its status. */
export interface PledgeProfile {
  readonly pledgeId: string;
  readonly campaignId: string;
  readonly holderId: string;
  readonly fundingModel: FundingModel;
  readonly deadline: Instant;
  readonly amount: Money;
  readonly tier?: PledgeTier;
  readonly hold?: HeldUnit;
  readonly tip: TipChoice;
  readonly contributor: Contributor;
  readonly details: ContributorDetails;
  readonly placedAt: Instant;
}

/** Set once the payment (or card setup) is confirmed in time. */
export interface Commitment {
  /** Stripe's confirmation time, before the deadline. */
  readonly committedAt: Instant;
  /** Whether the pledge and tip were charged at commitment (keep-it-all). */
  readonly charged: boolean;
  /**
   * The intent that committed it: the PaymentIntent that charged pledge + tip (keep-it-all), or
   * the SetupIntent that saved the card to collect from (all-or-nothing).
   */
  readonly intentId: string;
}

export interface NoPledge {
  readonly status: 'none';
}

/** Recorded, possibly holding a tier unit; no Stripe intent yet. */
export interface PlacedPledge extends PledgeProfile {
  readonly status: 'placed';
}

/** Waiting for the client to confirm the PaymentIntent (keep-it-all) or SetupIntent (all-or-nothing). */
export interface AwaitingPledge extends PledgeProfile {
  readonly status: 'awaiting_payment' | 'awaiting_card_setup';
  readonly intentId: string;
}

export interface FailedPaymentPledge extends PledgeProfile {
  readonly status: 'payment_failed';
  readonly intentId: string;
  readonly declineCode: string;
}

/** Counted in the campaign's total; keep-it-all pledges are paid, all-or-nothing ones have a card saved. */
export interface CommittedPledge extends PledgeProfile, Commitment {
  readonly status: 'committed' | 'refund_requested';
}

/** All-or-nothing after success: being charged, declined, or waiting with a new card. */
export interface CollectingPledge extends PledgeProfile, Commitment {
  readonly status: 'collecting' | 'collection_declined' | 'card_updated';
  readonly attempt: number;
  /** Set at the first decline. */
  readonly retryUntil?: Instant;
  readonly declineCode?: string;
}

export interface CollectedPledge extends PledgeProfile, Commitment {
  readonly status: 'collected';
  readonly paymentIntentId: string;
  readonly collectedAt: Instant;
}

/** A pledge that will never count again. */
export interface EndedPledge extends PledgeProfile {
  readonly status: 'late' | 'abandoned' | 'cancelled' | 'dropped' | 'released' | 'refunded';
  readonly endedAt: Instant;
  /** Set when the pledge had been committed in time before it ended. */
  readonly committedAt?: Instant;
  /** The last Stripe intent of a pledge that ended before commitment: its late success must be refunded. */
  readonly intentId?: string;
  /** Set once a payment confirmed after abandonment has been refunded. */
  readonly paymentRefunded?: true;
}

export type PledgeState =
  | NoPledge
  | PlacedPledge
  | AwaitingPledge
  | FailedPaymentPledge
  | CommittedPledge
  | CollectingPledge
  | CollectedPledge
  | EndedPledge;

export type PledgeStatus = PledgeState['status'];
export type ExistingPledge = Exclude<PledgeState, NoPledge>;
export type PledgeIn<S extends PledgeStatus> = PledgeState & { readonly status: S };

export const initialState = (): PledgeState => ({ status: 'none' });

export const isIn = <S extends PledgeStatus>(state: PledgeState, statuses: readonly S[]): state is PledgeIn<S> =>
  (statuses as readonly PledgeStatus[]).includes(state.status);

/** Statuses in which the pledge counts towards the campaign (committed, not withdrawn). */
export const STANDING = [
  'committed',
  'refund_requested',
  'collecting',
  'collection_declined',
  'card_updated',
  'collected',
] as const satisfies readonly PledgeStatus[];

export type StandingPledge = PledgeIn<(typeof STANDING)[number]>;

/** Events come from `decide`, so one that does not fit the state means a corrupt stream: stop loudly. */
const applicable = <S extends PledgeStatus>(state: PledgeState, event: PledgeEvent, statuses: readonly S[]): PledgeIn<S> => {
  if (isIn(state, statuses)) return state;
  throw new IllegalStateError(`${event.type} cannot apply to a pledge in status ${state.status}`, {
    event: event.type,
    status: state.status,
  });
};

const profileOf = (state: ExistingPledge): PledgeProfile => {
  const { pledgeId, campaignId, holderId, fundingModel, deadline, amount, tier, hold, tip, contributor, details, placedAt } =
    state;
  const profile: PledgeProfile = {
    pledgeId,
    campaignId,
    holderId,
    fundingModel,
    deadline,
    amount,
    tip,
    contributor,
    details,
    placedAt,
  };
  return { ...profile, ...(tier && { tier }), ...(hold && { hold }) };
};

const commitmentOf = (state: Commitment): Commitment => ({
  committedAt: state.committedAt,
  charged: state.charged,
  intentId: state.intentId,
});

const requireModel = (state: ExistingPledge, event: PledgeEvent, model: FundingModel): void => {
  if (state.fundingModel !== model)
    throw new IllegalStateError(`${event.type} cannot apply to a ${state.fundingModel} pledge`, {
      event: event.type,
      fundingModel: state.fundingModel,
    });
};

const ended = (state: ExistingPledge, status: EndedPledge['status'], endedAt: Instant): EndedPledge => ({
  ...profileOf(state),
  status,
  endedAt,
  ...('committedAt' in state && { committedAt: state.committedAt }),
  ...('intentId' in state && { intentId: state.intentId }),
});

const AWAITING = ['awaiting_payment', 'awaiting_card_setup'] as const;
/** A PaymentIntent may succeed after a failed attempt. */
const CONFIRMABLE = [...AWAITING, 'payment_failed'] as const;

export const evolve = (state: PledgeState, event: PledgeEvent): PledgeState => {
  switch (event.type) {
    case 'PledgePlaced': {
      applicable(state, event, ['none']);
      const { tier, ...data } = event.data;
      return { ...data, ...(tier && { tier }), status: 'placed' };
    }
    case 'TierUnitHeld': {
      const current = applicable(state, event, ['placed', 'committed']);
      if (current.hold !== undefined)
        throw new IllegalStateError(`TierUnitHeld cannot apply to a pledge already holding ${current.hold.holdId}`);
      const { tierId, holdId, expiresAt } = event.data;
      return { ...current, hold: { tierId, holdId, expiresAt } };
    }
    case 'TierUnitReleased': {
      const current = applicable(state, event, [
        'committed',
        'late',
        'abandoned',
        'cancelled',
        'dropped',
        'released',
        'refunded',
      ]);
      if (current.hold?.holdId !== event.data.holdId)
        throw new IllegalStateError(`TierUnitReleased cannot apply: the pledge does not hold ${event.data.holdId}`);
      const { hold: _released, ...rest } = current;
      return rest;
    }
    case 'PaymentRequested': {
      const current = applicable(state, event, ['placed', 'payment_failed']);
      requireModel(current, event, 'keep_it_all');
      return { ...profileOf(current), status: 'awaiting_payment', intentId: event.data.paymentIntentId };
    }
    case 'CardSetupRequested': {
      const current = applicable(state, event, ['placed', 'payment_failed']);
      requireModel(current, event, 'all_or_nothing');
      return { ...profileOf(current), status: 'awaiting_card_setup', intentId: event.data.setupIntentId };
    }
    case 'PaymentFailed': {
      const current = applicable(state, event, AWAITING);
      return { ...profileOf(current), status: 'payment_failed', intentId: current.intentId, declineCode: event.data.declineCode };
    }
    case 'PledgeCommitted': {
      const current = applicable(state, event, CONFIRMABLE);
      const { committedAt, charged } = event.data;
      return { ...profileOf(current), status: 'committed', committedAt, charged, intentId: current.intentId };
    }
    case 'LatePledgeRefused':
      return ended(applicable(state, event, CONFIRMABLE), 'late', event.data.confirmedAt);
    case 'PledgeAbandoned':
      return ended(applicable(state, event, ['placed', ...CONFIRMABLE]), 'abandoned', event.data.abandonedAt);
    case 'PledgeCancelled':
      return ended(applicable(state, event, ['committed']), 'cancelled', event.data.cancelledAt);
    case 'PledgeChanged': {
      const current = applicable(state, event, ['committed']);
      requireModel(current, event, 'all_or_nothing');
      const { tier: _previous, ...rest } = current;
      const { amount, tier } = event.data;
      return { ...rest, amount, ...(tier && { tier }) };
    }
    case 'CollectionRequested': {
      const current = applicable(state, event, ['committed', 'card_updated']);
      requireModel(current, event, 'all_or_nothing');
      const retryUntil = current.status === 'card_updated' ? current.retryUntil : undefined;
      return {
        ...profileOf(current),
        ...commitmentOf(current),
        status: 'collecting',
        attempt: event.data.attempt,
        ...(retryUntil !== undefined && { retryUntil }),
      };
    }
    case 'PledgeCollected': {
      const current = applicable(state, event, ['collecting', 'collection_declined', 'card_updated']);
      const { paymentIntentId, collectedAt } = event.data;
      return { ...profileOf(current), ...commitmentOf(current), status: 'collected', paymentIntentId, collectedAt };
    }
    case 'CollectionDeclined': {
      const current = applicable(state, event, ['collecting']);
      const { declineCode, retryUntil } = event.data;
      return { ...current, status: 'collection_declined', declineCode, retryUntil };
    }
    case 'CardUpdated':
      // The next collection charges the card this SetupIntent saved.
      return {
        ...applicable(state, event, ['collection_declined', 'card_updated']),
        status: 'card_updated',
        intentId: event.data.setupIntentId,
      };
    case 'PledgeDropped':
      return ended(applicable(state, event, ['collection_declined', 'card_updated']), 'dropped', event.data.droppedAt);
    case 'PledgeReleased': {
      const current = applicable(state, event, ['committed']);
      requireModel(current, event, 'all_or_nothing');
      return ended(current, 'released', event.data.releasedAt);
    }
    case 'RefundRequested': {
      const current = applicable(state, event, ['committed']);
      requireModel(current, event, 'keep_it_all');
      return { ...current, status: 'refund_requested' };
    }
    case 'AbandonedPaymentRefunded': {
      const abandoned = applicable(state, event, ['abandoned']);
      if (abandoned.paymentRefunded === true)
        throw new IllegalStateError('the payment of this abandoned pledge was refunded already');
      return { ...abandoned, paymentRefunded: true };
    }
    case 'PledgeRefunded':
      // `committed`: a keep-it-all pledge refunded because its campaign was cancelled.
      return ended(applicable(state, event, ['committed', 'refund_requested', 'collected']), 'refunded', event.data.refundedAt);
  }
};
