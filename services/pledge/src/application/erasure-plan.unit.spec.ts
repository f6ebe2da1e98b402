import { evolve, initialState, type PledgeEvent } from '../pledge';
import {
  AFTER_DEADLINE,
  NOW,
  aCollectedPledge,
  aCollectingPledge,
  aCommittedAllOrNothing,
  aDeclinedCollection,
  aKeepItAllAwaitingPayment,
  aKeepItAllCommittedPledge,
  anAllOrNothingAwaitingSetup,
  cardUpdated,
  paymentFailed,
  pledgeAbandoned,
  pledgePlaced,
  refundRequested,
} from '../pledge/pledge.fixtures';
import { erasureStepOf } from './erasure-plan';

const folded = (history: readonly PledgeEvent[]) => history.reduce(evolve, initialState());

describe('what erasing a person does to each of their pledges', () => {
  it.each([
    ['a pledge placed, no intent yet', 'abandon', [pledgePlaced()], NOW],
    ['a keep-it-all checkout awaiting payment', 'abandon', aKeepItAllAwaitingPayment(), NOW],
    ['a failed payment, even after the deadline', 'abandon', [...aKeepItAllAwaitingPayment(), paymentFailed()], AFTER_DEADLINE],
    ['an all-or-nothing checkout awaiting its card', 'abandon', anAllOrNothingAwaitingSetup(), NOW],
    ['a committed all-or-nothing pledge before the deadline', 'cancel', aCommittedAllOrNothing(), NOW],
    ['a committed all-or-nothing pledge after the deadline', 'blocks', aCommittedAllOrNothing(), AFTER_DEADLINE],
    ['an all-or-nothing pledge being collected', 'blocks', aCollectingPledge(), AFTER_DEADLINE],
    ['a new card waiting for its collection', 'blocks', [...aDeclinedCollection(), cardUpdated()], AFTER_DEADLINE],
    ['a declined collection nobody can mend any more', 'keep', aDeclinedCollection(), AFTER_DEADLINE],
    ['a collected pledge', 'keep', aCollectedPledge(), AFTER_DEADLINE],
    ['a paid keep-it-all pledge', 'keep', aKeepItAllCommittedPledge(), NOW],
    ['a refund asked for', 'keep', [...aKeepItAllCommittedPledge(), refundRequested()], NOW],
    ['an abandoned checkout', 'keep', [...aKeepItAllAwaitingPayment(), pledgeAbandoned()], NOW],
    ['no pledge at all', 'keep', [], NOW],
  ] as const)('%s → %s', (_what, step, history, now) => {
    expect(erasureStepOf(folded(history), now)).toBe(step);
  });
});
