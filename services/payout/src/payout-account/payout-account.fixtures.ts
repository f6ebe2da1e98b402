import type { OpenPayoutAccount, RecordAccountUpdate } from './payout-account.commands';
import type {
  PayoutAccountOpened,
  PayoutAccountPending,
  PayoutAccountRestricted,
  PayoutAccountVerified,
  VerificationChange,
} from './payout-account.events';

/** Test data for the payout account decider (test files only). */
export const HOLDER_ID = '01950000-0000-7000-8000-0000000c0001';
export const STRIPE_ACCOUNT_ID = 'acct_1QxYz2AbCdEf';
export const OTHER_STRIPE_ACCOUNT_ID = 'acct_9OtherAccount';
export const NOW = new Date('2026-11-03T09:00:00.000Z');
export const ONBOARDING_DUE = ['business_type', 'external_account', 'tos_acceptance.date'];
export const DOCUMENT_DUE = ['individual.verification.document'];

/** Stripe's time, `minutes` after the account was opened. */
export const stripeAt = (minutes: number): string => new Date(NOW.getTime() + minutes * 60_000).toISOString();

export const openPayoutAccount = (data: Partial<OpenPayoutAccount['data']> = {}): OpenPayoutAccount => ({
  type: 'OpenPayoutAccount',
  data: {
    holderId: HOLDER_ID,
    stripeAccountId: STRIPE_ACCOUNT_ID,
    requirements: ONBOARDING_DUE,
    disabledReason: 'requirements.past_due',
    ...data,
  },
  metadata: { now: NOW },
});

export const payoutAccountOpened = (data: Partial<PayoutAccountOpened['data']> = {}): PayoutAccountOpened => ({
  type: 'PayoutAccountOpened',
  data: {
    holderId: HOLDER_ID,
    stripeAccountId: STRIPE_ACCOUNT_ID,
    requirements: ONBOARDING_DUE,
    disabledReason: 'requirements.past_due',
    openedAt: NOW.toISOString(),
    ...data,
  },
});

const verifiedFacts = { requirements: [], disabledReason: null, canReceiveTransfers: true } as const;
const restrictedFacts = { requirements: DOCUMENT_DUE, disabledReason: 'requirements.past_due', canReceiveTransfers: false };
const pendingFacts = { requirements: ONBOARDING_DUE, disabledReason: 'requirements.past_due', canReceiveTransfers: false };

type Update = Partial<RecordAccountUpdate['data']>;

export const recordUpdate = (data: Update & Pick<RecordAccountUpdate['data'], 'status'>, minutes = 1): RecordAccountUpdate => {
  const facts = data.status === 'verified' ? verifiedFacts : data.status === 'restricted' ? restrictedFacts : pendingFacts;
  return {
    type: 'RecordAccountUpdate',
    data: {
      holderId: HOLDER_ID,
      stripeAccountId: STRIPE_ACCOUNT_ID,
      stripeUpdatedAt: stripeAt(minutes),
      ...facts,
      ...data,
    },
    metadata: { now: NOW },
  };
};

const change = (facts: object, minutes: number, data: Partial<VerificationChange>) => ({
  holderId: HOLDER_ID,
  stripeAccountId: STRIPE_ACCOUNT_ID,
  stripeUpdatedAt: stripeAt(minutes),
  ...facts,
  ...data,
});

export const accountVerified = (minutes = 1, data: Partial<VerificationChange> = {}): PayoutAccountVerified => ({
  type: 'PayoutAccountVerified',
  data: { ...change(verifiedFacts, minutes, data), status: 'verified' } as PayoutAccountVerified['data'],
});

export const accountRestricted = (minutes = 1, data: Partial<VerificationChange> = {}): PayoutAccountRestricted => ({
  type: 'PayoutAccountRestricted',
  data: { ...change(restrictedFacts, minutes, data), status: 'restricted' } as PayoutAccountRestricted['data'],
});

export const accountPending = (minutes = 1, data: Partial<VerificationChange> = {}): PayoutAccountPending => ({
  type: 'PayoutAccountPending',
  data: { ...change(pendingFacts, minutes, data), status: 'pending' } as PayoutAccountPending['data'],
});
