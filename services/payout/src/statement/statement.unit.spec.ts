import { eur, IllegalStateError } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import { statementDecider, type StatementCommand } from './statement';
import type { StatementEvent, StatementLines } from './statement.events';

const S = '0190f3a4-5b6c-7d8e-9f01-000000000021';
const CAMPAIGN = '0190f3a4-5b6c-7d8e-9f01-23456789abcd';
const HOLDER = '0190f3a4-5b6c-7d8e-9f01-000000000001';
const NOW = new Date('2026-06-01T00:00:00.000Z');
const T = NOW.toISOString();
const metadata = { now: NOW };
const given = DeciderSpecification.for(statementDecider);

const lines: StatementLines = {
  pledgesCollected: { count: 3, amount: eur(9_000) },
  pledgesRefunded: { count: 1, amount: eur(3_000) },
  refundsAlreadyNetted: { count: 0, amount: eur(0) },
  previouslyStated: { count: 0, amount: eur(0) },
  platformAdvances: { count: 0, amount: eur(0) },
  advancesReversed: { count: 0, amount: eur(0) },
  netDue: eur(6_000),
};
const drawData = {
  statementId: S,
  campaignId: CAMPAIGN,
  holderId: HOLDER,
  fundingModel: 'keep_it_all' as const,
  sequence: 1,
  trigger: 'holder_request' as const,
  lines,
  payments: ['pi_1', 'pi_2', 'pi_3'],
  covers: { streamId: `payoutledger-${CAMPAIGN}`, position: 5, hash: 'ab'.repeat(32) },
};
const drawn: StatementEvent = { type: 'StatementDrawn', data: { ...drawData, drawnAt: T } };
const requestTransfer: StatementCommand = {
  type: 'RequestTransfer',
  data: { statementId: S, destinationAccountId: 'acct_1', transferGroup: `campaign-${CAMPAIGN}` },
  metadata,
};
const requested = (attempt: number): StatementEvent => ({
  type: 'StatementTransferRequested',
  data: {
    statementId: S,
    attempt,
    amount: eur(6_000),
    destinationAccountId: 'acct_1',
    transferGroup: `campaign-${CAMPAIGN}`,
    requestedAt: T,
  },
});
const failure = (outcome: 'refused' | 'unknown'): StatementCommand => ({
  type: 'RecordTransferFailure',
  data: { statementId: S, outcome, code: 'x', reason: 'y', retryAt: NOW },
  metadata,
});
const failed = (attempt: number, outcome: 'refused' | 'unknown'): StatementEvent => ({
  type: 'StatementTransferFailed',
  data: { statementId: S, attempt, outcome, code: 'x', reason: 'y', failedAt: T, retryAt: T },
});

describe('a statement', () => {
  it('is drawn once with its lines', () => {
    given([]).when({ type: 'DrawStatement', data: drawData, metadata }).then(drawn);
    given([drawn]).when({ type: 'DrawStatement', data: drawData, metadata }).thenNothingHappened();
  });

  it('is never drawn with nothing due', () =>
    given([])
      .when({ type: 'DrawStatement', data: { ...drawData, lines: { ...lines, netDue: eur(0) } }, metadata })
      .thenThrows(IllegalStateError));

  it('waits for an account that cannot receive transfers, once per reason', () => {
    const wait: StatementCommand = {
      type: 'WaitForAccount',
      data: { statementId: S, reason: 'onboarding', requirements: ['external_account'] },
      metadata,
    };
    const waiting: StatementEvent = {
      type: 'StatementAwaitingAccount',
      data: { statementId: S, reason: 'onboarding', requirements: ['external_account'], since: T },
    };
    given([drawn]).when(wait).then(waiting);
    given([drawn, waiting]).when(wait).thenNothingHappened();
  });

  it('requests its transfer with attempt 1, then is paid once', () => {
    given([drawn]).when(requestTransfer).then(requested(1));
    given([drawn, requested(1)])
      .when(requestTransfer)
      .thenNothingHappened();
    const pay: StatementCommand = { type: 'RecordTransfer', data: { statementId: S, transferId: 'tr_1' }, metadata };
    const paid: StatementEvent = {
      type: 'StatementPaid',
      data: { statementId: S, campaignId: CAMPAIGN, holderId: HOLDER, transferId: 'tr_1', amount: eur(6_000), paidAt: T },
    };
    given([drawn, requested(1)])
      .when(pay)
      .then(paid);
    given([drawn, requested(1), paid])
      .when(pay)
      .thenNothingHappened();
    given([drawn, requested(1), paid])
      .when(requestTransfer)
      .thenThrows(IllegalStateError);
  });

  it('keeps the same key after an unknown outcome, takes a new one after a refusal', () => {
    given([drawn, requested(1)])
      .when(failure('unknown'))
      .then(failed(1, 'unknown'));
    given([drawn, requested(1), failed(1, 'unknown')])
      .when(requestTransfer)
      .then(requested(1));
    given([drawn, requested(1), failed(1, 'refused')])
      .when(requestTransfer)
      .then(requested(2));
  });

  it('does not wait for an account while a transfer is in flight', () =>
    given([drawn, requested(1)])
      .when({ type: 'WaitForAccount', data: { statementId: S, reason: 'r', requirements: [] }, metadata })
      .thenThrows(IllegalStateError));
});
