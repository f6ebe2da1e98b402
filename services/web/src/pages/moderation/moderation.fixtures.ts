import { aLiveCampaign } from '../page.fixtures';
import type { ChangedCampaign, ReconciliationReport, SubmittedCampaign, UnpaidStatement } from './moderation-views';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const uuid = (n: number): string => `0190c2a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const HASH = 'a'.repeat(64);

/** A campaign waiting for review, as the queue lists it. */
export const aSubmittedCampaign = (overrides: Partial<SubmittedCampaign> = {}): SubmittedCampaign => {
  const { story: _story, tiers: _tiers, stretchGoals: _goals, updates: _updates, ...card } = aLiveCampaign();
  const { approvedAt: _approved, closedAt: _closed, cancelledAt: _cancelled, cancellationReason: _reason, ...rest } = card;
  return {
    ...rest,
    status: 'submitted',
    committed: eur(0),
    backers: 0,
    percentOfGoal: 0,
    launchedAt: null,
    timeLeftSeconds: null,
    submittedAt: '2026-11-21T09:00:00.000Z',
    ...overrides,
  };
};

/** A live campaign whose title and image changed since a moderator approved it. */
export const aChangedCampaign = (overrides: Partial<ChangedCampaign> = {}): ChangedCampaign => ({
  campaignId: uuid(1),
  holderId: uuid(2),
  title: 'Un four partagé',
  status: 'live',
  version: 7,
  changedParts: ['title', 'imageUrl'],
  changedSince: '2026-12-03T10:00:00.000Z',
  lastChangedAt: '2026-12-04T11:00:00.000Z',
  imageUrl: 'https://images.example.org/four.jpg',
  pendingImageUrl: 'https://images.example.org/four-2.jpg',
  reviewed: {
    title: 'Un four à pain pour le village',
    summary: 'Un four collectif.',
    plainLanguageSummary: null,
    story: 'Le four est tombé.',
  },
  ...overrides,
});

const RUN = {
  runId: uuid(10),
  startedAt: '2026-12-05T08:00:00.000Z',
  finishedAt: '2026-12-05T08:00:04.000Z',
  ok: true,
  checked: {
    campaigns: 3,
    pledges: 12,
    tips: 9,
    payments: 12,
    refunds: 1,
    transfers: 2,
    balanceTransactions: 15,
    statements: 2,
    eventsVerified: 120,
  },
  totals: [
    {
      currency: 'EUR',
      pledgesCollected: 125_050,
      pledgesRefunded: 2_500,
      tipsCollected: 1_230,
      tipsRefunded: 0,
      transferred: 100_000,
      awaitingTransfer: 0,
      stillDue: 22_550,
      outstandingAdvances: 0,
      feesBorne: 2_145,
    },
  ],
  campaigns: [],
};

/** A report: everything matching, or with the mismatches given (then not ok). */
export const aReport = (mismatches: ReconciliationReport['mismatches'] = []): ReconciliationReport => ({
  run: { ...RUN, ok: mismatches.length === 0 },
  mismatches,
});

export const aMismatch = (n: number, firstSeenAt: string): ReconciliationReport['mismatches'][number] => ({
  mismatchId: uuid(20 + n),
  kind: 'payment_amount',
  key: `payment_amount:pi_${n}`,
  campaignId: uuid(1),
  paymentIntentId: `pi_${n}`,
  streams: [`pledge-${uuid(30 + n)}`],
  stripeObjects: [`pi_${n}`],
  expected: eur(5_050),
  actual: eur(5_000),
  detail: `Stripe says pi_${n} was 50.00 EUR; the pledge says 50.50 EUR.`,
  firstSeenAt,
  lastSeenAt: '2026-12-05T08:00:04.000Z',
});

/** A statement whose transfer failed and will be tried again. */
export const aFailedStatement = (overrides: Partial<UnpaidStatement> = {}): UnpaidStatement => ({
  statementId: uuid(40),
  campaignId: uuid(1),
  holderId: uuid(2),
  sequence: 2,
  fundingModel: 'keep_it_all',
  trigger: 'holder_request',
  status: 'transfer_failed',
  drawnAt: '2026-12-04T09:00:00.000Z',
  lines: {
    pledgesCollected: { count: 4, amount: eur(20_200) },
    pledgesRefunded: { count: 0, amount: eur(0) },
    refundsAlreadyNetted: { count: 0, amount: eur(0) },
    previouslyStated: { count: 1, amount: eur(10_000) },
    platformAdvances: { count: 0, amount: eur(0) },
    advancesReversed: { count: 0, amount: eur(0) },
    netDue: eur(10_200),
    processingFeesBorneByPlatform: null,
    tips: 'excluded',
  },
  transfer: {
    transferGroup: `campaign-${uuid(1)}`,
    transferId: null,
    paidAt: null,
    attempts: 2,
    lastFailure: { code: 'insufficient_funds', reason: 'The platform balance is too low.', at: '2026-12-04T10:00:00.000Z' },
    nextAttemptAt: '2026-12-04T12:00:00.000Z',
  },
  waitingFor: null,
  covers: { streamId: `payoutledger-${uuid(1)}`, position: 9, hash: HASH },
  facts: null,
  ...overrides,
});
