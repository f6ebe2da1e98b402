import { ForbiddenError, IllegalStateError } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import { pledgeRules } from './pledge-rules';
import { createPledgeDecider, pledgeDecider } from './pledge.decider';
import {
  aCollectedPledge,
  aCollectingPledge,
  aCommittedAllOrNothing,
  aCommittedLimitedAllOrNothing,
  aDeclinedCollection,
  AFTER_DEADLINE,
  aKeepItAllCommittedPledge,
  asContributor,
  asStranger,
  cardUpdated,
  collectionDeclined,
  collectionRequested,
  DEADLINE,
  dropPledge,
  OTHER_PAYMENT_INTENT_ID,
  pledgeCollected,
  pledgeDropped,
  pledgeRefunded,
  pledgeReleased,
  refundRequested,
  recordCollection,
  recordCollectionDecline,
  releasePledge,
  requestCollection,
  RETRY_UNTIL,
  shifted,
  tierUnitReleased,
  updateCard,
} from './pledge.fixtures';

const given = DeciderSpecification.for(pledgeDecider);
const HOUR = 60 * 60 * 1000;

describe('collecting an all-or-nothing pledge at success', () => {
  it('charges the saved card for pledge + tip with a key made from the pledge id', () =>
    given(aCommittedAllOrNothing()).when(requestCollection()).then(collectionRequested(1)));

  it('requests nothing again while collecting: a retry reuses the same key', () =>
    given(aCollectingPledge()).when(requestCollection()).thenNothingHappened());

  it('is not collected before the deadline', () =>
    given(aCommittedAllOrNothing())
      .when(requestCollection(shifted(DEADLINE, -1)))
      .thenThrows(IllegalStateError));

  it('never collects a keep-it-all pledge', () =>
    given(aKeepItAllCommittedPledge()).when(requestCollection()).thenThrows(IllegalStateError));

  it('records the collection', () => given(aCollectingPledge()).when(recordCollection()).then(pledgeCollected()));

  it('records a duplicate collection only once', () => given(aCollectedPledge()).when(recordCollection()).thenNothingHappened());

  it('cannot record a collection it never requested', () =>
    given(aCommittedAllOrNothing()).when(recordCollection()).thenThrows(IllegalStateError));

  it('cannot record a second, different charge', () =>
    given(aCollectedPledge()).when(recordCollection(OTHER_PAYMENT_INTENT_ID)).thenThrows(IllegalStateError));
});

describe('a declined collection', () => {
  it('opens a retry window of 7 days by default', () =>
    given(aCollectingPledge()).when(recordCollectionDecline()).then(collectionDeclined(1, RETRY_UNTIL)));

  it('opens the configured window', () =>
    DeciderSpecification.for(createPledgeDecider(pledgeRules({ retryWindowMs: HOUR })))(aCollectingPledge())
      .when(recordCollectionDecline())
      .then(collectionDeclined(1, new Date(AFTER_DEADLINE.getTime() + HOUR).toISOString())));

  it('records a payment that succeeds after its decline (authenticated by the contributor)', () =>
    given(aDeclinedCollection()).when(recordCollection()).then(pledgeCollected()));

  it('ignores a decline that arrives after the success', () =>
    given(aCollectedPledge()).when(recordCollectionDecline()).thenNothingHappened());

  it('records a duplicate decline once', () =>
    given(aDeclinedCollection()).when(recordCollectionDecline()).thenNothingHappened());

  it('takes a new card from the contributor within the window', () =>
    given(aDeclinedCollection()).when(updateCard()).then(cardUpdated()));

  it('takes a new card from nobody else', () =>
    given(aDeclinedCollection())
      .when(updateCard(asStranger(shifted(DEADLINE, HOUR))))
      .thenThrows(ForbiddenError));

  it('takes no new card once the window has closed', () =>
    given(aDeclinedCollection())
      .when(updateCard(asContributor(new Date(RETRY_UNTIL))))
      .thenThrows(IllegalStateError));

  it('collects again with a new key once the card is updated', () => {
    const at = shifted(DEADLINE, 2 * HOUR);
    given([...aDeclinedCollection(), cardUpdated()])
      .when(requestCollection(at))
      .then(collectionRequested(2, at));
  });

  it('keeps the end of the window when declined again', () => {
    const at = shifted(DEADLINE, 2 * HOUR);
    given([...aDeclinedCollection(), cardUpdated(), collectionRequested(2, at)])
      .when(recordCollectionDecline(shifted(DEADLINE, 3 * HOUR)))
      .then(collectionDeclined(2, RETRY_UNTIL, shifted(DEADLINE, 3 * HOUR)));
  });

  it('is collected after the card is updated', () =>
    given([...aDeclinedCollection(), cardUpdated(), collectionRequested(2, shifted(DEADLINE, 2 * HOUR))])
      .when(recordCollection())
      .then(pledgeCollected()));

  it('is not collected again after the window closed', () =>
    given([...aDeclinedCollection(), cardUpdated()])
      .when(requestCollection(new Date(RETRY_UNTIL)))
      .thenThrows(IllegalStateError));

  it('is not collected again without a new card', () =>
    given(aDeclinedCollection()).when(requestCollection()).thenThrows(IllegalStateError));

  it('is dropped when the window closes, nothing charged', () => {
    const at = new Date(RETRY_UNTIL);
    given(aDeclinedCollection())
      .when(dropPledge(at))
      .then([pledgeDropped(at)]);
  });

  it('gives its unit back when dropped', () => {
    const at = new Date(RETRY_UNTIL);
    given([...aCommittedLimitedAllOrNothing(), collectionRequested(), collectionDeclined()])
      .when(dropPledge(at))
      .then([pledgeDropped(at), tierUnitReleased('dropped')]);
  });

  it('is not dropped while the window is open', () =>
    given(aDeclinedCollection())
      .when(dropPledge(shifted(RETRY_UNTIL, -1)))
      .thenThrows(IllegalStateError));

  it('is not dropped once collected', () =>
    given(aCollectedPledge())
      .when(dropPledge(new Date(RETRY_UNTIL)))
      .thenNothingHappened());
});

describe('releasing pledges when the campaign fails or is cancelled', () => {
  it('releases a committed pledge, nothing charged', () =>
    given(aCommittedAllOrNothing()).when(releasePledge()).then([pledgeReleased()]));

  it('releases its unit too', () =>
    given(aCommittedLimitedAllOrNothing())
      .when(releasePledge('campaign_cancelled'))
      .then([pledgeReleased('campaign_cancelled'), tierUnitReleased('released')]));

  it('releases once', () =>
    given([...aCommittedAllOrNothing(), pledgeReleased()])
      .when(releasePledge())
      .thenNothingHappened());

  it('never releases a collected pledge', () => given(aCollectedPledge()).when(releasePledge()).thenThrows(IllegalStateError));

  it('never releases a keep-it-all pledge: a keep-it-all campaign does not fail', () =>
    given(aKeepItAllCommittedPledge()).when(releasePledge()).thenThrows(IllegalStateError));

  it('refunds a paid keep-it-all pledge, tip included, when its campaign is cancelled', () =>
    given(aKeepItAllCommittedPledge())
      .when(releasePledge('campaign_cancelled'))
      .then([pledgeRefunded('campaign_cancelled', AFTER_DEADLINE)]));

  it('refunds a keep-it-all pledge once, whether its refund was asked or not', () => {
    given([...aKeepItAllCommittedPledge(), refundRequested()])
      .when(releasePledge('campaign_cancelled'))
      .then([pledgeRefunded('campaign_cancelled', AFTER_DEADLINE)]);
    given([...aKeepItAllCommittedPledge(), pledgeRefunded('campaign_cancelled', AFTER_DEADLINE)])
      .when(releasePledge('campaign_cancelled'))
      .thenNothingHappened();
  });
});
