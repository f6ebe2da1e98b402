import { ForbiddenError, IllegalStateError } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import { pledgeDecider } from './pledge.decider';
import { sealedText } from './pledge.values';
import {
  ADMIN_ID,
  aCollectedPledge,
  aCommittedAllOrNothing,
  aKeepItAllAwaitingPayment,
  aKeepItAllCommittedPledge,
  asAdmin,
  asHolder,
  asStranger,
  grantRefund,
  LIMITED_TIER,
  paymentRequested,
  pledgeCommitted,
  pledgePlaced,
  pledgeRefunded,
  refundRequested,
  requestRefund,
  HOLD_ID,
  TIER_ID,
  tierUnitHeld,
  tierUnitReleased,
  asContributor,
} from './pledge.fixtures';

const given = DeciderSpecification.for(pledgeDecider);
const aRequestedRefund = () => [...aKeepItAllCommittedPledge(), refundRequested()];

describe('keep-it-all refunds', () => {
  it('the contributor asks', () => given(aKeepItAllCommittedPledge()).when(requestRefund()).then(refundRequested()));

  it('the contributor asks with a sealed reason', () =>
    given(aKeepItAllCommittedPledge())
      .when(requestRefund(asContributor(), sealedText('sealed:reason')))
      .then(refundRequested(sealedText('sealed:reason'))));

  it('asking twice changes nothing', () => given(aRequestedRefund()).when(requestRefund()).thenNothingHappened());

  it('nobody else may ask', () =>
    given(aKeepItAllCommittedPledge()).when(requestRefund(asStranger())).thenThrows(ForbiddenError));

  it('an unpaid pledge has nothing to refund', () =>
    given(aKeepItAllAwaitingPayment()).when(requestRefund()).thenThrows(IllegalStateError));

  it('the holder grants it: pledge and tip refunded together', () =>
    given(aRequestedRefund()).when(grantRefund(asHolder())).then([pledgeRefunded()]));

  it('an admin grants it', () =>
    given(aRequestedRefund())
      .when(grantRefund(asAdmin()))
      .then([pledgeRefunded(ADMIN_ID)]));

  it('a stranger may not grant it', () => given(aRequestedRefund()).when(grantRefund(asStranger())).thenThrows(ForbiddenError));

  it('is granted only once asked', () =>
    given(aKeepItAllCommittedPledge()).when(grantRefund(asHolder())).thenThrows(IllegalStateError));

  it('is granted once', () =>
    given([...aRequestedRefund(), pledgeRefunded()])
      .when(grantRefund(asHolder()))
      .thenThrows(IllegalStateError));

  it('gives the tier unit back', () =>
    given([
      pledgePlaced({ tier: LIMITED_TIER }),
      tierUnitHeld(),
      paymentRequested(),
      pledgeCommitted({ tierId: TIER_ID, holdId: HOLD_ID }),
      refundRequested(),
    ])
      .when(grantRefund(asHolder()))
      .then([pledgeRefunded(), tierUnitReleased('refunded')]));
});

describe('all-or-nothing refunds', () => {
  it('an admin refunds a collected pledge', () =>
    given(aCollectedPledge())
      .when(grantRefund(asAdmin()))
      .then([pledgeRefunded(ADMIN_ID)]));

  it('the holder may not', () => given(aCollectedPledge()).when(grantRefund(asHolder())).thenThrows(ForbiddenError));

  it('the contributor does not ask', () => given(aCollectedPledge()).when(requestRefund()).thenThrows(IllegalStateError));

  it('nothing to refund before collection', () =>
    given(aCommittedAllOrNothing()).when(grantRefund(asAdmin())).thenThrows(IllegalStateError));
});
