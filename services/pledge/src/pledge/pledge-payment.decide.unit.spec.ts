import { ForbiddenError, IllegalStateError, NotFoundError } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import { pledgeDecider } from './pledge.decider';
import {
  aCommittedAllOrNothing,
  aCommittedLimitedAllOrNothing,
  aKeepItAllAwaitingPayment,
  aKeepItAllCommittedPledge,
  abandonPledge,
  anAllOrNothingAwaitingSetup,
  asContributor,
  asGuest,
  CAMPAIGN_ID,
  cancelPledge,
  cardSetupRequested,
  confirmPayment,
  DEADLINE,
  GUEST_TOKEN_HASH,
  HOLD_ID,
  LIMITED_TIER,
  NOW,
  latePledgeRefused,
  OTHER_PAYMENT_INTENT_ID,
  PAYMENT_INTENT_ID,
  PLEDGE_ID,
  paymentFailed,
  paymentRequested,
  pledgeAbandoned,
  pledgeCancelled,
  pledgeCommitted,
  pledgePlaced,
  recordPaymentFailure,
  requestPayment,
  SETUP_INTENT_ID,
  settlement,
  shifted,
  TIER_ID,
  tierUnitHeld,
  tierUnitReleased,
} from './pledge.fixtures';

const given = DeciderSpecification.for(pledgeDecider);

const limitedKeepItAll = () => [pledgePlaced({ tier: LIMITED_TIER }), tierUnitHeld(), paymentRequested()];
const justBefore = shifted(DEADLINE, -1);
const atDeadline = shifted(DEADLINE, 0);

describe('keep-it-all: paying for a pledge', () => {
  it('requests one PaymentIntent for the pledge and the tip', () =>
    given([pledgePlaced()]).when(requestPayment()).then(paymentRequested()));

  it('records the same intent only once', () => given(aKeepItAllAwaitingPayment()).when(requestPayment()).thenNothingHappened());

  it('requests no payment at the deadline', () =>
    given([pledgePlaced()]).when(requestPayment(PAYMENT_INTENT_ID, atDeadline)).thenThrows(IllegalStateError));

  it('commits the pledge, charged, when Stripe confirms before the deadline', () =>
    given(aKeepItAllAwaitingPayment())
      .when(confirmPayment(justBefore, PAYMENT_INTENT_ID, shifted(DEADLINE, 60_000)))
      .then(pledgeCommitted({ committedAt: justBefore.toISOString() })));

  it('confirms the held tier unit on commit', () =>
    given(limitedKeepItAll())
      .when(confirmPayment())
      .then(pledgeCommitted({ tierId: TIER_ID, holdId: HOLD_ID })));

  it('refuses a confirmation at the deadline as late, with the refund of pledge and tip (ADR 0008)', () =>
    given(aKeepItAllAwaitingPayment()).when(confirmPayment(atDeadline)).then(latePledgeRefused(atDeadline, true)));

  it('releases the held unit of a late pledge', () =>
    given(limitedKeepItAll())
      .when(confirmPayment(shifted(DEADLINE, 1_000)))
      .then([latePledgeRefused(shifted(DEADLINE, 1_000), true), tierUnitReleased('late')]));

  it('ignores a duplicate confirmation', () => given(aKeepItAllCommittedPledge()).when(confirmPayment()).thenNothingHappened());

  it('ignores a confirmation of an intent that is no longer the current one', () =>
    given(aKeepItAllAwaitingPayment()).when(confirmPayment(undefined, OTHER_PAYMENT_INTENT_ID)).thenNothingHappened());

  it('cannot be confirmed before a payment is requested', () =>
    given([pledgePlaced()]).when(confirmPayment()).thenThrows(IllegalStateError));

  it('records a failed payment', () => given(aKeepItAllAwaitingPayment()).when(recordPaymentFailure()).then(paymentFailed()));

  it('ignores a failure of an intent no longer current, or once committed', () => {
    given(aKeepItAllAwaitingPayment()).when(recordPaymentFailure(OTHER_PAYMENT_INTENT_ID)).thenNothingHappened();
    given(aKeepItAllCommittedPledge()).when(recordPaymentFailure()).thenNothingHappened();
  });

  it('retries with the same PaymentIntent after a failure', () =>
    given([...aKeepItAllAwaitingPayment(), paymentFailed()])
      .when(requestPayment())
      .then(paymentRequested()));

  it('refuses a second PaymentIntent beside a failed one, which could still succeed', () =>
    given([...aKeepItAllAwaitingPayment(), paymentFailed()])
      .when(requestPayment(OTHER_PAYMENT_INTENT_ID))
      .thenThrows(IllegalStateError));

  it('commits when the same intent succeeds after a failed attempt', () =>
    given([...aKeepItAllAwaitingPayment(), paymentFailed()])
      .when(confirmPayment())
      .then(pledgeCommitted()));

  it('is abandoned after a failure, the unit going back and nothing charged', () =>
    given([...limitedKeepItAll(), paymentFailed()])
      .when(abandonPledge())
      .then([pledgeAbandoned(), tierUnitReleased('abandoned')]));

  it('is abandoned while waiting for the client', () =>
    given(aKeepItAllAwaitingPayment()).when(abandonPledge()).then([pledgeAbandoned()]));

  it('refunds a payment Stripe confirms after the pledge was abandoned, tip included', () =>
    given([...aKeepItAllAwaitingPayment(), pledgeAbandoned()])
      .when(confirmPayment())
      .then({
        type: 'AbandonedPaymentRefunded',
        data: {
          pledgeId: PLEDGE_ID,
          campaignId: CAMPAIGN_ID,
          paymentIntentId: PAYMENT_INTENT_ID,
          confirmedAt: NOW.toISOString(),
          settlement: settlement(true),
        },
      }));

  it('refunds such a payment once', () =>
    given([
      ...aKeepItAllAwaitingPayment(),
      pledgeAbandoned(),
      {
        type: 'AbandonedPaymentRefunded',
        data: {
          pledgeId: PLEDGE_ID,
          campaignId: CAMPAIGN_ID,
          paymentIntentId: PAYMENT_INTENT_ID,
          confirmedAt: NOW.toISOString(),
          settlement: settlement(true),
        },
      },
    ])
      .when(confirmPayment())
      .thenNothingHappened());

  it('ignores another intent, or a card saved, after abandonment', () => {
    given([...aKeepItAllAwaitingPayment(), pledgeAbandoned()])
      .when(confirmPayment(NOW, OTHER_PAYMENT_INTENT_ID))
      .thenNothingHappened();
    given([...anAllOrNothingAwaitingSetup(), pledgeAbandoned()])
      .when(confirmPayment(NOW, SETUP_INTENT_ID))
      .thenNothingHappened();
  });

  it('is not abandoned once committed', () => given(aKeepItAllCommittedPledge()).when(abandonPledge()).thenNothingHappened());
});

describe('all-or-nothing: saving the card', () => {
  const allOrNothing = { fundingModel: 'all_or_nothing' as const };

  it('retries with a new SetupIntent after a failed one: nothing was charged', () =>
    given([...anAllOrNothingAwaitingSetup(), paymentFailed(SETUP_INTENT_ID)])
      .when(requestPayment('seti_0003'))
      .then(cardSetupRequested('seti_0003')));

  it('requests a SetupIntent, not a payment', () =>
    given([pledgePlaced(allOrNothing)])
      .when(requestPayment(SETUP_INTENT_ID))
      .then(cardSetupRequested()));

  it('commits the pledge without a charge when the card is saved before the deadline', () =>
    given(anAllOrNothingAwaitingSetup())
      .when(confirmPayment(justBefore, SETUP_INTENT_ID))
      .then(pledgeCommitted({ ...allOrNothing, charged: false, committedAt: justBefore.toISOString() })));

  it('refuses a card saved at the deadline, with nothing to refund', () =>
    given(anAllOrNothingAwaitingSetup())
      .when(confirmPayment(atDeadline, SETUP_INTENT_ID))
      .then(latePledgeRefused(atDeadline, false)));
});

describe('cancelling a committed pledge', () => {
  it('refunds a keep-it-all pledge and its tip', () =>
    given(aKeepItAllCommittedPledge())
      .when(cancelPledge())
      .then([pledgeCancelled(true)]));

  it('charges nothing for an all-or-nothing pledge, and releases its unit', () =>
    given(aCommittedLimitedAllOrNothing())
      .when(cancelPledge())
      .then([pledgeCancelled(false), tierUnitReleased('cancelled')]));

  it('lets a guest cancel with the token of their link', () => {
    const guest = { contributor: { kind: 'guest' as const, guestTokenHash: GUEST_TOKEN_HASH } };
    given([pledgePlaced(guest), paymentRequested(), pledgeCommitted()])
      .when(cancelPledge(asGuest()))
      .then([pledgeCancelled(true)]);
  });

  it('refuses a guest with another token', () => {
    const guest = { contributor: { kind: 'guest' as const, guestTokenHash: GUEST_TOKEN_HASH } };
    given([pledgePlaced(guest), paymentRequested(), pledgeCommitted()])
      .when(cancelPledge(asGuest(undefined, 'sha256:other')))
      .thenThrows(ForbiddenError);
  });

  it('refuses at the deadline', () =>
    given(aCommittedAllOrNothing())
      .when(cancelPledge(asContributor(atDeadline)))
      .thenThrows(IllegalStateError));

  it('refuses before commitment', () => given(aKeepItAllAwaitingPayment()).when(cancelPledge()).thenThrows(IllegalStateError));

  it('refuses twice', () =>
    given([...aKeepItAllCommittedPledge(), pledgeCancelled(true)])
      .when(cancelPledge())
      .thenThrows(IllegalStateError));

  it('refuses a pledge that does not exist', () => given([]).when(cancelPledge()).thenThrows(NotFoundError));
});
