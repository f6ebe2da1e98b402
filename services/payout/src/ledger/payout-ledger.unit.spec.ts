import { eur, fold, IllegalStateError, ValidationError } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import { balanceOf, payoutLedgerDecider, whyNoStatement, type PayoutLedgerCommand } from './payout-ledger';
import type { PayoutLedgerEvent } from './payout-ledger.events';

const CAMPAIGN = '0190f3a4-5b6c-7d8e-9f01-23456789abcd';
const HOLDER = '0190f3a4-5b6c-7d8e-9f01-000000000001';
const P1 = '0190f3a4-5b6c-7d8e-9f01-000000000011';
const P2 = '0190f3a4-5b6c-7d8e-9f01-000000000012';
const P3 = '0190f3a4-5b6c-7d8e-9f01-000000000013';
const S1 = '0190f3a4-5b6c-7d8e-9f01-000000000021';
const S2 = '0190f3a4-5b6c-7d8e-9f01-000000000022';
const NOW = new Date('2026-06-01T00:00:00.000Z');
const T = NOW.toISOString();
const metadata = { now: NOW };

const given = DeciderSpecification.for(payoutLedgerDecider);
const stateAfter = (events: readonly PayoutLedgerEvent[]) => fold(payoutLedgerDecider, events);

const launched = (fundingModel: 'keep_it_all' | 'all_or_nothing' = 'keep_it_all'): PayoutLedgerEvent => ({
  type: 'CampaignRecorded',
  data: { campaignId: CAMPAIGN, holderId: HOLDER, fundingModel, currency: 'EUR', launchedAt: T },
});
const charged = (pledgeId: string, amount: number): PayoutLedgerEvent => ({
  type: 'PledgeChargeRecorded',
  data: { campaignId: CAMPAIGN, pledgeId, amount: eur(amount), paymentIntentId: `pi_${pledgeId.slice(-4)}`, chargedAt: T },
});
const refunded = (pledgeId: string, amount: number): PayoutLedgerEvent => ({
  type: 'PledgeRefundRecorded',
  data: { campaignId: CAMPAIGN, pledgeId, amount: eur(amount), reason: 'refunded', refundedAt: T },
});
const stated = (
  statementId: string,
  sequence: number,
  netDue: number,
  payments: string[],
  [nettedCount, netted] = [0, 0],
): PayoutLedgerEvent => ({
  type: 'StatementRecorded',
  data: {
    campaignId: CAMPAIGN,
    statementId,
    sequence,
    netDue: eur(netDue),
    refundsNetted: { count: nettedCount, amount: eur(netted) },
    payments,
    drawnAt: T,
  },
});
const chargeCommand = (pledgeId: string, amount: number): PayoutLedgerCommand => ({
  type: 'RecordCharge',
  data: { campaignId: CAMPAIGN, pledgeId, amount: eur(amount), paymentIntentId: `pi_${pledgeId.slice(-4)}`, chargedAt: T },
  metadata,
});
const refundCommand = (pledgeId: string, amount: number): PayoutLedgerCommand => ({
  type: 'RecordRefund',
  data: { campaignId: CAMPAIGN, pledgeId, amount: eur(amount), reason: 'refunded', refundedAt: T },
  metadata,
});
const draw = (statementId: string): PayoutLedgerCommand => ({
  type: 'RecordStatement',
  data: { campaignId: CAMPAIGN, statementId },
  metadata,
});

describe('the payout ledger', () => {
  it('records a charge once, whatever the redeliveries', () => {
    given([launched()]).when(chargeCommand(P1, 3_000)).then(charged(P1, 3_000));
    given([launched(), charged(P1, 3_000)])
      .when(chargeCommand(P1, 3_000))
      .thenNothingHappened();
  });

  it('refuses an amount that is not a positive integer of minor units, or in another currency', () => {
    const withAmount = (amount: { amount: number; currency: string }) =>
      ({ ...chargeCommand(P1, 100), data: { ...chargeCommand(P1, 100).data, amount } }) as PayoutLedgerCommand;
    given([launched()])
      .when(withAmount({ amount: 10.5, currency: 'EUR' }))
      .thenThrows(ValidationError);
    given([launched()])
      .when(withAmount({ amount: 0, currency: 'EUR' }))
      .thenThrows(ValidationError);
    given([launched()])
      .when(withAmount({ amount: 100, currency: 'USD' }))
      .thenThrows(ValidationError);
  });

  it('draws a statement of collected − refunded, listing the payments it covers first', () =>
    given([launched(), charged(P1, 3_000), charged(P2, 2_000), refunded(P2, 2_000)])
      .when(draw(S1))
      .then(stated(S1, 1, 3_000, ['pi_0011', 'pi_0012'], [1, 2_000])));

  it('shows the next statement the refunds the earlier ones netted already', () => {
    const events = [
      launched(),
      charged(P1, 3_000),
      charged(P2, 2_000),
      refunded(P2, 2_000),
      stated(S1, 1, 3_000, ['pi_0011', 'pi_0012'], [1, 2_000]),
    ];
    expect(balanceOf(stateAfter(events))).toMatchObject({
      refunded: { count: 1, amount: eur(2_000) },
      refundsAlreadyNetted: { count: 1, amount: eur(2_000) },
      netDue: eur(0),
    });
  });

  it('nets what earlier statements stated', () =>
    given([launched(), charged(P1, 3_000), stated(S1, 1, 3_000, ['pi_0011']), charged(P2, 2_000)])
      .when(draw(S2))
      .then(stated(S2, 2, 2_000, ['pi_0012'])));

  it('refuses a statement when nothing is due', () =>
    given([launched(), charged(P1, 3_000), stated(S1, 1, 3_000, ['pi_0011'])])
      .when(draw(S2))
      .thenThrows(IllegalStateError, (e) => e.details['reason'] === 'nothing_due'));

  it('records a platform advance when a refund comes after the money was stated (ADR 0027), and nets it next time', () => {
    const events = [launched(), charged(P1, 3_000), charged(P2, 2_000), stated(S1, 1, 5_000, ['pi_0011', 'pi_0012'])];
    given(events)
      .when(refundCommand(P2, 2_000))
      .then([
        refunded(P2, 2_000),
        { type: 'PlatformAdvanceRecorded', data: { campaignId: CAMPAIGN, advanceId: P2, amount: eur(2_000), recordedAt: T } },
      ]);
    const advanced = [
      ...events,
      refunded(P2, 2_000),
      { type: 'PlatformAdvanceRecorded', data: { campaignId: CAMPAIGN, advanceId: P2, amount: eur(2_000), recordedAt: T } },
    ] as PayoutLedgerEvent[];
    expect(balanceOf(stateAfter(advanced))).toMatchObject({
      balance: eur(-2_000),
      netDue: eur(0),
      outstandingAdvance: eur(2_000),
    });
    // A new pledge of 5 000 first repays the 2 000 advanced: 3 000 due.
    const later = [...advanced, charged(P3, 5_000)];
    expect(balanceOf(stateAfter(later))).toMatchObject({ netDue: eur(3_000), outstandingAdvance: eur(0) });
    given(later)
      .when(draw(S2))
      .then(stated(S2, 2, 3_000, ['pi_0013'], [1, 2_000]));
  });

  it('records no advance for a refund made before any statement', () =>
    given([launched(), charged(P1, 3_000)])
      .when(refundCommand(P1, 3_000))
      .then(refunded(P1, 3_000)));

  it('draws an all-or-nothing statement only once the campaign succeeded and every collected pledge arrived', () => {
    const closure: PayoutLedgerEvent = {
      type: 'CollectionClosureRecorded',
      data: {
        campaignId: CAMPAIGN,
        collected: { count: 2, amount: eur(5_000) },
        dropped: { count: 1, amount: eur(1_000) },
        closedAt: T,
      },
    };
    const succeeded: PayoutLedgerEvent = {
      type: 'CampaignOutcomeRecorded',
      data: { campaignId: CAMPAIGN, outcome: 'succeeded', closedAt: T },
    };
    expect(whyNoStatement(stateAfter([launched('all_or_nothing'), charged(P1, 3_000)]))).toMatch(/succeeded/);
    expect(whyNoStatement(stateAfter([launched('all_or_nothing'), succeeded, charged(P1, 3_000)]))).toMatch(/being collected/);
    expect(whyNoStatement(stateAfter([launched('all_or_nothing'), succeeded, closure, charged(P1, 3_000)]))).toMatch(
      /on their way/,
    );
    const complete = [launched('all_or_nothing'), closure, charged(P1, 3_000), succeeded, charged(P2, 2_000)];
    expect(whyNoStatement(stateAfter(complete))).toBeNull();
    given(complete)
      .when(draw(S1))
      .then(stated(S1, 1, 5_000, ['pi_0011', 'pi_0012']));
  });

  it('waits for the campaign’s launch before any statement (facts arrive in any order)', () =>
    given([charged(P1, 3_000)])
      .when(draw(S1))
      .thenThrows(IllegalStateError));
});
