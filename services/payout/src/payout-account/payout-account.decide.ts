import { IllegalStateError, NotFoundError, ValidationError } from '@elan/domain-kernel';
import type { OpenPayoutAccount, PayoutAccountCommand, RecordAccountUpdate, TimedMetadata } from './payout-account.commands';
import {
  VERIFICATION_EVENT_TYPES,
  type PayoutAccountEvent,
  type PayoutAccountOpened,
  type PayoutAccountVerificationEvent,
  type VerificationFacts,
} from './payout-account.events';
import type { OpenedPayoutAccount, PayoutAccountState } from './payout-account.state';

/**
 * Decisions of a payout account's life: opened once with its Stripe account, then moved between
 * pending, verified and restricted by Stripe's `account.updated`, newest first. Each returns one
 * event, or none when the command changes nothing (messages are delivered at least once, webhooks
 * in any order), and throws typed errors.
 */

const commandTime = (metadata: TimedMetadata): string => {
  const now = metadata.now as Date | undefined;
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError('payout account commands need metadata.now, a valid Date');
  return now.toISOString();
};

const STRIPE_ACCOUNT = /^acct_[A-Za-z0-9_]+$/;

const stripeAccountOf = (value: string): string => {
  if (!STRIPE_ACCOUNT.test(value))
    throw new ValidationError('a Stripe account id looks like acct_…', { field: 'stripeAccountId' });
  return value;
};

export const openPayoutAccount = (command: OpenPayoutAccount, state: PayoutAccountState): PayoutAccountOpened | [] => {
  const { data, metadata } = command;
  const openedAt = commandTime(metadata);
  const stripeAccountId = stripeAccountOf(data.stripeAccountId);
  if (state.status !== 'none') {
    if (state.stripeAccountId === stripeAccountId) return [];
    throw new IllegalStateError(`holder ${data.holderId} already has payout account ${state.stripeAccountId}`, {
      holderId: data.holderId,
    });
  }
  return {
    type: 'PayoutAccountOpened',
    data: {
      holderId: data.holderId,
      stripeAccountId,
      requirements: [...data.requirements],
      disabledReason: data.disabledReason,
      openedAt,
    },
  };
};

const sameFacts = (account: OpenedPayoutAccount, facts: VerificationFacts): boolean =>
  account.status === facts.status &&
  account.disabledReason === facts.disabledReason &&
  account.canReceiveTransfers === facts.canReceiveTransfers &&
  [...account.requirements].sort().join('\n') === [...facts.requirements].sort().join('\n');

/** An account can be verified only when it can receive transfers and Stripe needs nothing more. */
const checkFacts = (facts: VerificationFacts): void => {
  if (facts.status === 'verified' && (!facts.canReceiveTransfers || facts.requirements.length > 0))
    throw new ValidationError('a verified account can receive transfers and has nothing currently due', { field: 'status' });
};

const instantOf = (value: string): number => {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new ValidationError('stripeUpdatedAt must be an ISO 8601 instant', { field: 'stripeUpdatedAt' });
  return time;
};

export const recordAccountUpdate = (
  command: RecordAccountUpdate,
  state: PayoutAccountState,
): PayoutAccountVerificationEvent | [] => {
  const { data, metadata } = command;
  commandTime(metadata);
  if (state.status === 'none')
    throw new NotFoundError(`holder ${data.holderId} has no payout account`, { holderId: data.holderId });
  if (state.stripeAccountId !== data.stripeAccountId)
    throw new ValidationError(`Stripe account ${data.stripeAccountId} is not holder ${data.holderId}'s`, {
      field: 'stripeAccountId',
    });
  checkFacts(data);
  const at = instantOf(data.stripeUpdatedAt);
  // Older than what is applied: Stripe has said something newer already (ADR 0026).
  if (state.stripeUpdatedAt !== null && at < Date.parse(state.stripeUpdatedAt)) return [];
  if (sameFacts(state, data)) return [];
  const change = {
    holderId: state.holderId,
    stripeAccountId: state.stripeAccountId,
    requirements: [...data.requirements],
    disabledReason: data.disabledReason,
    canReceiveTransfers: data.canReceiveTransfers,
    stripeUpdatedAt: new Date(at).toISOString(),
  };
  switch (data.status) {
    case 'pending':
      return { type: VERIFICATION_EVENT_TYPES.pending, data: { ...change, status: 'pending' } };
    case 'verified':
      return { type: VERIFICATION_EVENT_TYPES.verified, data: { ...change, status: 'verified' } };
    case 'restricted':
      return { type: VERIFICATION_EVENT_TYPES.restricted, data: { ...change, status: 'restricted' } };
  }
};

export const decide = (command: PayoutAccountCommand, state: PayoutAccountState): PayoutAccountEvent | [] => {
  switch (command.type) {
    case 'OpenPayoutAccount':
      return openPayoutAccount(command, state);
    case 'RecordAccountUpdate':
      return recordAccountUpdate(command, state);
  }
};
