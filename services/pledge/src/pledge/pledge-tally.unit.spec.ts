import { createHash } from 'node:crypto';
import { eur, fold } from '@elan/domain-kernel';
import { pledgeDecider } from './pledge.decider';
import type { PledgeEvent } from './pledge.events';
import {
  aCollectedPledge,
  aCommittedAllOrNothing,
  aKeepItAllAwaitingPayment,
  CAMPAIGN_ID,
  cardSetupRequested,
  DEADLINE,
  latePledgeRefused,
  paymentRequested,
  pledgeCancelled,
  pledgeCommitted,
  pledgePlaced,
  pledgeReleased,
  refundRequested,
  pledgeRefunded,
  shifted,
} from './pledge.fixtures';
import { tally } from './pledge-tally';

const NOW = shifted(DEADLINE, 5 * 60_000);

/** The same history for another pledge id and amount, so a tally sees several pledges. */
const asPledge = (pledgeId: string, amount: number, events: readonly PledgeEvent[]): PledgeEvent[] =>
  events.map((event) => {
    const data: Record<string, unknown> = { ...event.data, pledgeId };
    if ('amount' in data) data['amount'] = eur(amount);
    return { ...event, data } as PledgeEvent;
  });
const stateOf = (events: readonly PledgeEvent[]) => fold(pledgeDecider, events);
const committedAt = (at: Date): PledgeEvent[] => [
  pledgePlaced(),
  paymentRequested(),
  pledgeCommitted({ committedAt: at.toISOString() }),
];
const digest = (ids: string[]): string => createHash('sha256').update(ids.sort().join('\n')).digest('hex');

describe('tallying the pledges at the deadline (ADR 0008)', () => {
  it('sums and counts exactly the pledges committed before the deadline', () => {
    const pledges = [
      stateOf(asPledge('p1', 1_000, committedAt(shifted(DEADLINE, -1)))),
      stateOf(asPledge('p2', 2_500, committedAt(shifted(DEADLINE, -60_000)))),
      stateOf(asPledge('p3', 7_000, [...aKeepItAllAwaitingPayment(), latePledgeRefused(shifted(DEADLINE, 0))])),
      stateOf(asPledge('p4', 9_000, aKeepItAllAwaitingPayment())),
    ];
    expect(tally(CAMPAIGN_ID, DEADLINE, pledges, 'EUR', NOW)).toEqual({
      type: 'PledgesTallied',
      data: {
        campaignId: CAMPAIGN_ID,
        deadline: DEADLINE,
        committedTotal: eur(3_500),
        backers: 2,
        pledgeIdsDigest: digest(['p1', 'p2']),
        talliedAt: NOW.toISOString(),
      },
    });
  });

  it('leaves out pledges cancelled, released or refunded, and counts collected ones', () => {
    const pledges = [
      stateOf(asPledge('cancelled', 1_000, [...committedAt(shifted(DEADLINE, -10)), pledgeCancelled()])),
      stateOf(asPledge('released', 1_000, [...aCommittedAllOrNothing(), pledgeReleased()])),
      stateOf(asPledge('refunded', 1_000, [...committedAt(shifted(DEADLINE, -10)), refundRequested(), pledgeRefunded()])),
      stateOf(asPledge('collected', 4_000, aCollectedPledge())),
      stateOf(asPledge('card-saved', 500, aCommittedAllOrNothing())),
    ];
    const { data } = tally(CAMPAIGN_ID, DEADLINE, pledges, 'EUR', NOW);
    expect(data).toMatchObject({ committedTotal: eur(4_500), backers: 2, pledgeIdsDigest: digest(['collected', 'card-saved']) });
  });

  it('never counts a commitment stamped at the deadline, even one a faulty stream holds', () => {
    const atDeadline = stateOf(asPledge('at', 1_000, committedAt(shifted(DEADLINE, 0))));
    expect(tally(CAMPAIGN_ID, DEADLINE, [atDeadline], 'EUR', NOW).data).toMatchObject({ committedTotal: eur(0), backers: 0 });
  });

  it('does not count a card saved at the deadline', () => {
    const late = [
      pledgePlaced({ fundingModel: 'all_or_nothing' }),
      cardSetupRequested(),
      latePledgeRefused(shifted(DEADLINE, 0), false),
    ];
    expect(tally(CAMPAIGN_ID, DEADLINE, [stateOf(late)], 'EUR', NOW).data).toMatchObject({ committedTotal: eur(0), backers: 0 });
  });

  it('gives the same digest whatever the order of the pledges', () => {
    const a = stateOf(asPledge('a', 1_000, committedAt(shifted(DEADLINE, -5))));
    const b = stateOf(asPledge('b', 1_000, committedAt(shifted(DEADLINE, -5))));
    expect(tally(CAMPAIGN_ID, DEADLINE, [a, b], 'EUR', NOW)).toEqual(tally(CAMPAIGN_ID, DEADLINE, [b, a], 'EUR', NOW));
  });

  it('refuses a pledge of another campaign: a wiring bug', () => {
    const other = stateOf(asPledge('x', 1_000, committedAt(shifted(DEADLINE, -5))));
    expect(() => tally('another-campaign', DEADLINE, [other], 'EUR', NOW)).toThrow(TypeError);
  });

  it('tallies no pledges as zero', () =>
    expect(tally(CAMPAIGN_ID, DEADLINE, [], 'EUR', NOW).data).toMatchObject({ committedTotal: eur(0), backers: 0 }));
});
