/**
 * One valid and one invalid payload per payout contract, in the shape of the catalog test's
 * samples (test data only): imported by `catalog.unit.spec.ts` and `payout-accounts.unit.spec.ts`.
 */
const HOLDER = '01950000-0000-7000-8000-0000000c0001';
const ACCOUNT = 'acct_1QxYz2AbCdEf';
const holder = { accountId: HOLDER, roles: ['contributor', 'holder'] };
const started = {
  opened: true,
  status: 'pending',
  requirements: ['business_type', 'external_account'],
  onboardingUrl: 'https://connect.stripe.com/setup/e/acct_1QxYz2AbCdEf/abc',
  expiresAt: '2026-11-03T09:05:00Z',
};
const restricted = {
  status: 'restricted',
  requirements: ['individual.verification.document'],
  disabledReason: 'requirements.past_due',
  canReceiveTransfers: false,
  explanation: 'Stripe still needs: individual.verification.document. Payouts wait until it is provided.',
};

interface Invalid {
  readonly field: string;
  readonly payload: unknown;
}
type RequestSample = { request: { valid: unknown; invalid: Invalid }; reply: { valid: unknown[]; invalid: Invalid } };
type EventSample = { valid: unknown; invalid: Invalid };

export const payoutRequestSamples: Record<string, RequestSample> = {
  'rpc.payout.StartPayoutAccount.v1': {
    request: {
      valid: { actor: holder, email: 'camille@example.org' },
      invalid: { field: 'email', payload: { actor: holder, email: 'camille' } },
    },
    reply: {
      valid: [started, { ...started, opened: false, status: 'verified', requirements: [] }],
      invalid: { field: 'status', payload: { ...started, status: 'open' } },
    },
  },
  'rpc.payout.GetPayoutAccount.v1': {
    request: {
      valid: { actor: holder },
      invalid: { field: 'actor.accountId', payload: { actor: { ...holder, accountId: 'me' } } },
    },
    reply: {
      valid: [
        restricted,
        {
          status: 'none',
          requirements: [],
          disabledReason: null,
          canReceiveTransfers: false,
          explanation: 'No payout account yet.',
        },
        { status: 'verified', requirements: [], disabledReason: null, canReceiveTransfers: true, explanation: 'Ready.' },
      ],
      invalid: { field: 'canReceiveTransfers', payload: { ...restricted, canReceiveTransfers: 'no' } },
    },
  },
};

export const payoutEventSamples: Record<string, EventSample> = {
  'elan.payout.PayoutAccountOpened.v1': {
    valid: { holderId: HOLDER, stripeAccountId: ACCOUNT, openedAt: '2026-11-03T09:00:00Z' },
    invalid: {
      field: 'stripeAccountId',
      payload: { holderId: HOLDER, stripeAccountId: 'cus_123', openedAt: '2026-11-03T09:00:00Z' },
    },
  },
  'elan.payout.PayoutAccountStatusChanged.v1': {
    valid: {
      holderId: HOLDER,
      stripeAccountId: ACCOUNT,
      status: 'verified',
      requirements: [],
      canReceiveTransfers: true,
      stripeUpdatedAt: '2026-11-03T09:10:00Z',
    },
    invalid: {
      field: 'status',
      payload: {
        holderId: HOLDER,
        stripeAccountId: ACCOUNT,
        status: 'none',
        requirements: [],
        canReceiveTransfers: false,
        stripeUpdatedAt: '2026-11-03T09:10:00Z',
      },
    },
  },
};
