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
  'elan.payout.StatementPaid.v1': {
    valid: {
      statementId: '01950000-0000-7000-8000-0000000c0051',
      campaignId: '01950000-0000-7000-8000-0000000c0002',
      holderId: HOLDER,
      amount: { amount: 6_000, currency: 'EUR' },
      transferId: 'tr_1QxYz',
      paidAt: '2026-11-30T09:10:00Z',
    },
    invalid: {
      field: 'transferId',
      payload: {
        statementId: '01950000-0000-7000-8000-0000000c0051',
        campaignId: '01950000-0000-7000-8000-0000000c0002',
        holderId: HOLDER,
        amount: { amount: 6_000, currency: 'EUR' },
        transferId: 'po_1QxYz',
        paidAt: '2026-11-30T09:10:00Z',
      },
    },
  },
};

const CAMPAIGN = '01950000-0000-7000-8000-0000000c0002';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const statement = {
  statementId: '01950000-0000-7000-8000-0000000c0003',
  campaignId: CAMPAIGN,
  holderId: HOLDER,
  sequence: 1,
  fundingModel: 'keep_it_all',
  trigger: 'holder_request',
  status: 'paid',
  drawnAt: '2026-11-03T09:00:00Z',
  lines: {
    pledgesCollected: { count: 3, amount: eur(9_000) },
    pledgesRefunded: { count: 1, amount: eur(3_000) },
    refundsAlreadyNetted: { count: 0, amount: eur(0) },
    previouslyStated: { count: 0, amount: eur(0) },
    platformAdvances: { count: 0, amount: eur(0) },
    advancesReversed: { count: 0, amount: eur(0) },
    netDue: eur(6_000),
    processingFeesBorneByPlatform: eur(210),
    tips: 'excluded',
  },
  transfer: {
    transferGroup: `campaign-${CAMPAIGN}`,
    transferId: 'tr_1QxYz2AbCdEf',
    paidAt: '2026-11-03T09:00:02Z',
    attempts: 1,
    lastFailure: null,
    nextAttemptAt: null,
  },
  waitingFor: null,
  covers: { streamId: `payoutledger-${CAMPAIGN}`, position: 5, hash: 'ab'.repeat(32) },
  facts: { streamId: `payoutledger-${CAMPAIGN}`, position: 6, hash: 'cd'.repeat(32) },
};
const waiting = {
  ...statement,
  status: 'awaiting_account',
  transfer: { ...statement.transfer, transferId: null, paidAt: null, attempts: 0, nextAttemptAt: '2026-11-03T09:01:00Z' },
  waitingFor: {
    reason: 'Stripe still needs your bank account.',
    requirements: ['external_account'],
    since: '2026-11-03T09:00:01Z',
  },
};
const balance = {
  campaignId: CAMPAIGN,
  holderId: HOLDER,
  fundingModel: 'keep_it_all',
  collected: { count: 3, amount: eur(9_000) },
  refunded: { count: 1, amount: eur(3_000) },
  stated: { count: 1, amount: eur(6_000) },
  netDue: eur(0),
  outstandingAdvance: eur(0),
  nextStatement: 'Nothing is due.',
};

/** The statements' requests (issue #11, deliverable 2). */
export const payoutStatementSamples: Record<string, RequestSample> = {
  'rpc.payout.ListCampaignPayouts.v1': {
    request: {
      valid: { actor: holder, campaignId: CAMPAIGN },
      invalid: { field: 'campaignId', payload: { actor: holder, campaignId: 'mine' } },
    },
    reply: {
      valid: [{ balance, statements: [statement, waiting] }],
      invalid: {
        field: 'statements.0.lines.tips',
        payload: { balance, statements: [{ ...statement, lines: { ...statement.lines, tips: 'included' } }] },
      },
    },
  },
  'rpc.payout.ListMyPayouts.v1': {
    request: { valid: { actor: holder }, invalid: { field: 'actor', payload: {} } },
    reply: {
      valid: [{ statements: [] }, { statements: [waiting] }],
      invalid: {
        field: 'statements.0.lines.netDue.amount',
        payload: { statements: [{ ...statement, lines: { ...statement.lines, netDue: eur(60.5) } }] },
      },
    },
  },
  'rpc.payout.ListUnpaidStatements.v1': {
    request: {
      valid: { actor: { accountId: HOLDER, roles: ['admin'] }, statuses: ['transfer_failed'], limit: 50 },
      invalid: { field: 'statuses.0', payload: { actor: holder, statuses: ['paid'], limit: 50 } },
    },
    reply: {
      valid: [
        { statements: [waiting], total: 3 },
        { statements: [], total: 0 },
      ],
      invalid: { field: 'total', payload: { statements: [], total: -1 } },
    },
  },
  'rpc.payout.RequestPayout.v1': {
    request: {
      valid: { actor: holder, campaignId: CAMPAIGN },
      invalid: { field: 'campaignId', payload: { actor: holder } },
    },
    reply: { valid: [statement, waiting], invalid: { field: 'status', payload: { ...statement, status: 'sent' } } },
  },
};
