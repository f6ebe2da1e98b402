import { eur } from '@elan/domain-kernel';
import { campaignLedgerOf, type LinkedEvent } from './public-ledger';
import { holdsPayout } from './payout-checkpoints';

const CAMPAIGN = '0195f0a0-0000-7000-8000-00000000c001';
const LEDGER = `payoutledger-${CAMPAIGN}`;
const S1 = '0195f0a0-0000-7000-8000-00000000d001';
const S2 = '0195f0a0-0000-7000-8000-00000000d002';
const T = '2026-11-03T09:00:00.000Z';
const hashOf = (position: number) => position.toString(16).padStart(64, '0');

/** The ledger's events at positions 1, 2, 3… with a hash of their own. */
const stream = (...events: { type: string; data: unknown }[]): LinkedEvent[] =>
  events.map((event, index) => ({ ...event, position: index + 1, hash: hashOf(index + 1) }));
const charge = (pledgeId: string, amount: number) => ({
  type: 'PledgeChargeRecorded',
  data: { campaignId: CAMPAIGN, pledgeId, amount: eur(amount), paymentIntentId: `pi_${pledgeId}`, chargedAt: T },
});
const recorded = (statementId: string, sequence: number, netDue: number) => ({
  type: 'StatementRecorded',
  data: {
    campaignId: CAMPAIGN,
    statementId,
    sequence,
    netDue: eur(netDue),
    refundsNetted: { count: 0, amount: eur(0) },
    payments: [],
    drawnAt: T,
  },
});
const ok = (streamId: string, eventsChecked: number) => ({ streamId, report: { ok: true, eventsChecked } });

const ledger = stream(
  {
    type: 'CampaignRecorded',
    data: { campaignId: CAMPAIGN, holderId: 'h', fundingModel: 'keep_it_all', currency: 'EUR', launchedAt: T },
  },
  charge('p1', 3_000),
  charge('p2', 2_500),
  charge('p3', 1_000),
  {
    type: 'PledgeRefundRecorded',
    data: { campaignId: CAMPAIGN, pledgeId: 'p3', amount: eur(1_000), reason: 'refunded', refundedAt: T },
  },
  recorded(S1, 1, 5_500),
  charge('p4', 700),
  recorded(S2, 2, 700),
);
const paidStatement = stream(
  { type: 'StatementDrawn', data: {} },
  { type: 'StatementPaid', data: { statementId: S1, transferId: 'tr_1', amount: eur(5_500), paidAt: T } },
);

describe('a campaign’s public ledger', () => {
  it('sums the ledger and names the events behind each figure, a paid statement by its StatementPaid', () => {
    const answer = campaignLedgerOf({
      campaignId: CAMPAIGN,
      ledger,
      statements: new Map([
        [S1, paidStatement],
        [S2, stream({ type: 'StatementDrawn', data: {} })],
      ]),
      chains: [ok(LEDGER, 8), ok(`payout-${S1}`, 2), ok(`payout-${S2}`, 1)],
    });

    expect(answer).toEqual({
      campaignId: CAMPAIGN,
      currency: 'EUR',
      head: { streamId: LEDGER, position: 8, hash: hashOf(8) },
      collected: {
        count: 4,
        amount: eur(7_200),
        facts: [2, 3, 4, 7].map((position) => ({ streamId: LEDGER, position, hash: hashOf(position) })),
      },
      refunded: { count: 1, amount: eur(1_000), facts: [{ streamId: LEDGER, position: 5, hash: hashOf(5) }] },
      paidOut: { count: 1, amount: eur(5_500), facts: [{ streamId: `payout-${S1}`, position: 2, hash: hashOf(2) }] },
      reversed: { count: 0, amount: eur(0), facts: [] },
      // The second statement is drawn and not paid yet: still due, named by its StatementRecorded.
      stillDue: eur(700),
      stillDueFacts: [{ streamId: LEDGER, position: 8, hash: hashOf(8) }],
      advancedByPlatform: eur(0),
      balances: true,
      chains: [
        { streamId: LEDGER, ok: true, eventsChecked: 8, firstBrokenLink: null },
        { streamId: `payout-${S1}`, ok: true, eventsChecked: 2, firstBrokenLink: null },
        { streamId: `payout-${S2}`, ok: true, eventsChecked: 1, firstBrokenLink: null },
      ],
      verified: true,
    });
  });

  it('says when the statements paid do not match what the ledger stated, and when a chain breaks', () => {
    const answer = campaignLedgerOf({
      campaignId: CAMPAIGN,
      ledger: ledger.slice(0, 6),
      statements: new Map([
        [S1, stream({ type: 'StatementDrawn', data: {} }, { type: 'StatementPaid', data: { amount: eur(5_000) } })],
      ]),
      chains: [
        ok(LEDGER, 6),
        {
          streamId: `payout-${S1}`,
          report: {
            ok: false,
            eventsChecked: 2,
            firstBrokenLink: { streamId: `payout-${S1}`, streamPosition: 2, globalPosition: 9, reason: 'hash_mismatch' },
          },
        },
      ],
    });

    expect(answer).toMatchObject({ paidOut: { amount: eur(5_000) }, stillDue: eur(0), balances: false, verified: false });
    expect(answer.chains[1]?.firstBrokenLink).toEqual({ position: 2, reason: 'hash_mismatch' });
  });

  it('lists the 20 most recent facts of a figure, and counts them all', () => {
    const many = stream(ledger[0]!, ...Array.from({ length: 25 }, (_, i) => charge(`p${i}`, 100)));
    const answer = campaignLedgerOf({ campaignId: CAMPAIGN, ledger: many, statements: new Map(), chains: [ok(LEDGER, 26)] });

    expect(answer.collected.count).toBe(25);
    expect(answer.collected.facts.map((fact) => fact.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 7));
    expect(answer.stillDue).toEqual(eur(2_500));
  });

  it('refuses a ledger without events', () => {
    expect(() => campaignLedgerOf({ campaignId: CAMPAIGN, ledger: [], statements: new Map(), chains: [] })).toThrow(RangeError);
  });
});

describe('the checkpoint on each payout', () => {
  it('comes after a statement paid or an advance reversed, not after other facts', () => {
    expect(holdsPayout([{ type: 'StatementDrawn' }, { type: 'StatementPaid' }])).toBe(true);
    expect(holdsPayout([{ type: 'AdvanceReversalRecorded' }])).toBe(true);
    expect(holdsPayout([{ type: 'StatementTransferRequested' }, { type: 'PledgeChargeRecorded' }])).toBe(false);
    expect(holdsPayout([])).toBe(false);
  });
});
