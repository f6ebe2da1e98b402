import { IllegalStateError, type Money } from '@elan/domain-kernel';
import type { Instant, TipEvent, TipRefundRequester } from './tip.events';

/** What every existing tip has, whatever its status. */
export interface TipProfile {
  readonly tipId: string;
  readonly pledgeId: string;
  readonly campaignId: string;
  readonly contributorRef: string;
  readonly amount: Money;
  readonly pledgeAmount: Money;
  readonly offeredAt: Instant;
}

export interface NoTip {
  readonly status: 'none';
}

/** Chosen with its pledge, not paid yet (all-or-nothing pledges wait for the campaign's success). */
export interface OfferedTip extends TipProfile {
  readonly status: 'offered';
}

export interface PaidTip extends TipProfile {
  readonly status: 'paid';
  readonly paymentId: string;
  readonly paidAt: Instant;
}

/** Refunded alone (`contributor`, `admin`) or with its pledge (`pledge`). */
export interface RefundedTip extends TipProfile {
  readonly status: 'refunded';
  readonly paymentId: string;
  readonly paidAt: Instant;
  readonly refundedAs: TipRefundRequester | 'pledge';
  readonly refundedAt: Instant;
}

/** Its pledge was released before payment: never charged. */
export interface ReleasedTip extends TipProfile {
  readonly status: 'released';
  readonly releasedAt: Instant;
}

export type TipState = NoTip | OfferedTip | PaidTip | RefundedTip | ReleasedTip;
export type TipStatus = TipState['status'];
export type ExistingTip = Exclude<TipState, NoTip>;
export type TipIn<S extends TipStatus> = Extract<TipState, { status: S }>;

export const initialState = (): TipState => ({ status: 'none' });

export const isIn = <S extends TipStatus>(state: TipState, statuses: readonly S[]): state is TipIn<S> =>
  (statuses as readonly TipStatus[]).includes(state.status);

/** Events come from `decide`, so one that does not fit the state means a corrupt stream: stop loudly. */
const applicable = <S extends TipStatus>(state: TipState, event: TipEvent, statuses: readonly S[]): TipIn<S> => {
  if (isIn(state, statuses)) return state;
  throw new IllegalStateError(`${event.type} cannot apply to a tip in status ${state.status}`, {
    event: event.type,
    status: state.status,
  });
};

const profileOf = ({ tipId, pledgeId, campaignId, contributorRef, amount, pledgeAmount, offeredAt }: TipProfile): TipProfile => ({
  tipId,
  pledgeId,
  campaignId,
  contributorRef,
  amount,
  pledgeAmount,
  offeredAt,
});

export const evolve = (state: TipState, event: TipEvent): TipState => {
  switch (event.type) {
    case 'TipOffered': {
      applicable(state, event, ['none']);
      return { status: 'offered', ...event.data };
    }
    case 'TipPaid': {
      const offered = applicable(state, event, ['offered']);
      return { ...profileOf(offered), status: 'paid', paymentId: event.data.paymentId, paidAt: event.data.paidAt };
    }
    case 'TipRefunded': {
      const paid = applicable(state, event, ['paid']);
      return { ...paid, status: 'refunded', refundedAs: event.data.requestedAs, refundedAt: event.data.refundedAt };
    }
    case 'TipRefundedWithPledge': {
      const paid = applicable(state, event, ['paid']);
      return { ...paid, status: 'refunded', refundedAs: 'pledge', refundedAt: event.data.refundedAt };
    }
    case 'TipReleased': {
      const offered = applicable(state, event, ['offered']);
      return { ...profileOf(offered), status: 'released', releasedAt: event.data.releasedAt };
    }
    default:
      return unknownEvent(event);
  }
};

/** Unreachable for typed callers; a stored event of an unknown type is a corrupt or newer stream. */
const unknownEvent = (event: never): never => {
  throw new TypeError(`unknown tip event ${(event as { type?: unknown }).type as string}`);
};
