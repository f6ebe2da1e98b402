import { eur, fold, IllegalStateError } from '@elan/domain-kernel';
import { pledgeDecider } from './pledge.decider';
import type { PledgeEvent } from './pledge.events';
import {
  aCollectedPledge,
  aCommittedAllOrNothing,
  aCommittedLimitedAllOrNothing,
  aDeclinedCollection,
  aKeepItAllAwaitingPayment,
  aKeepItAllCommittedPledge,
  cardSetupRequested,
  cardUpdated,
  collectionRequested,
  DEADLINE,
  HOLD_ID,
  latePledgeRefused,
  LIMITED_TIER,
  NOW,
  paymentFailed,
  paymentRequested,
  pledgeAbandoned,
  pledgeCancelled,
  pledgeCollected,
  pledgeCommitted,
  pledgePlaced,
  pledgeRefunded,
  pledgeReleased,
  refundRequested,
  RETRY_UNTIL,
  settlement,
  shifted,
  TIER_ID,
  tierUnitHeld,
  tierUnitReleased,
} from './pledge.fixtures';
import { initialState } from './pledge.state';

const abandonedPaymentRefunded = (): PledgeEvent => ({
  type: 'AbandonedPaymentRefunded',
  data: {
    pledgeId: pledgePlaced().data.pledgeId,
    campaignId: pledgePlaced().data.campaignId,
    paymentIntentId: 'pi_0001',
    confirmedAt: NOW.toISOString(),
    settlement: settlement(true),
  },
});

const stateOf = (events: readonly PledgeEvent[]) => fold(pledgeDecider, events);

describe('folding a pledge', () => {
  it('starts with no pledge', () => expect(initialState()).toEqual({ status: 'none' }));

  it('keeps what the pledge was placed with', () =>
    expect(stateOf([pledgePlaced()])).toMatchObject({
      status: 'placed',
      amount: pledgePlaced().data.amount,
      deadline: DEADLINE,
    }));

  it('remembers the intent it waits for', () =>
    expect(stateOf(aKeepItAllAwaitingPayment())).toMatchObject({ status: 'awaiting_payment', intentId: 'pi_0001' }));

  it('keeps the commitment time, Stripe’s', () =>
    expect(stateOf(aKeepItAllCommittedPledge())).toMatchObject({
      status: 'committed',
      committedAt: NOW.toISOString(),
      charged: true,
    }));

  it('keeps the held unit until it is released', () => {
    expect(stateOf(aCommittedLimitedAllOrNothing())).toMatchObject({ hold: { holdId: HOLD_ID, tierId: TIER_ID } });
    expect(
      stateOf([...aCommittedLimitedAllOrNothing(), pledgeCancelled(false), tierUnitReleased('cancelled')]),
    ).not.toHaveProperty('hold');
  });

  it('keeps the retry window of a declined collection', () =>
    expect(stateOf([...aDeclinedCollection(), cardUpdated(), collectionRequested(2)])).toMatchObject({
      status: 'collecting',
      attempt: 2,
      retryUntil: RETRY_UNTIL,
    }));

  it('remembers a refunded pledge was committed in time', () =>
    expect(stateOf([...aKeepItAllCommittedPledge(), refundRequested(), pledgeRefunded()])).toMatchObject({
      status: 'refunded',
      committedAt: NOW.toISOString(),
    }));

  it('takes the new amount of a changed pledge', () =>
    expect(
      stateOf([
        ...aCommittedAllOrNothing(),
        {
          type: 'PledgeChanged',
          data: {
            pledgeId: pledgePlaced().data.pledgeId,
            campaignId: pledgePlaced().data.campaignId,
            previousAmount: eur(2_500),
            amount: eur(4_000),
            changedAt: NOW.toISOString(),
          },
        },
      ]),
    ).toMatchObject({ status: 'committed', amount: eur(4_000) }));
});

describe('evolve refuses an event that cannot follow', () => {
  const allOrNothing = pledgePlaced({ fundingModel: 'all_or_nothing' });
  it.each<[string, PledgeEvent[]]>([
    ['a second placement', [pledgePlaced(), pledgePlaced()]],
    ['an event before placement', [paymentRequested()]],
    ['a commitment without a payment requested', [pledgePlaced(), pledgeCommitted()]],
    ['a PaymentIntent on an all-or-nothing pledge', [allOrNothing, paymentRequested()]],
    ['a SetupIntent on a keep-it-all pledge', [pledgePlaced(), cardSetupRequested()]],
    ['a second commitment', [...aKeepItAllCommittedPledge(), pledgeCommitted()]],
    ['a failure after commitment', [...aKeepItAllCommittedPledge(), paymentFailed()]],
    ['a collection of a keep-it-all pledge', [...aKeepItAllCommittedPledge(), collectionRequested()]],
    ['a collection recorded without a request', [...aCommittedAllOrNothing(), pledgeCollected()]],
    ['a release after collection', [...aCollectedPledge(), pledgeReleased()]],
    ['a release of a keep-it-all pledge', [...aKeepItAllCommittedPledge(), pledgeReleased()]],
    ['a refund request on an all-or-nothing pledge', [...aCommittedAllOrNothing(), refundRequested()]],
    ['a refund of a pledge never paid', [...aKeepItAllAwaitingPayment(), pledgeRefunded()]],
    [
      'a cancellation of a late pledge',
      [...aKeepItAllAwaitingPayment(), latePledgeRefused(shifted(DEADLINE, 0)), pledgeCancelled()],
    ],
    ['an abandonment after commitment', [...aKeepItAllCommittedPledge(), pledgeAbandoned()]],
    ['a card update with no declined collection', [...aCommittedAllOrNothing(), cardUpdated()]],
    ['a release of a unit never held', [...aKeepItAllCommittedPledge(), pledgeCancelled(), tierUnitReleased('cancelled')]],
    ['a second hold', [pledgePlaced({ tier: LIMITED_TIER }), tierUnitHeld(), tierUnitHeld()]],
    ['a hold once waiting for payment', [...aKeepItAllAwaitingPayment(), tierUnitHeld()]],
    ['a refund after abandonment of a pledge not abandoned', [...aKeepItAllCommittedPledge(), abandonedPaymentRefunded()]],
    [
      'a second refund after abandonment',
      [...aKeepItAllAwaitingPayment(), pledgeAbandoned(), abandonedPaymentRefunded(), abandonedPaymentRefunded()],
    ],
  ])('%s', (_case, events) => expect(() => stateOf(events)).toThrow(IllegalStateError));
});
