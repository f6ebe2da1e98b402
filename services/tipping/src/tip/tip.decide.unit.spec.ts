import { eur, ForbiddenError, IllegalStateError, money, NotFoundError, ValidationError } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import { DAY_MS, tipRules } from './tip-rules';
import { createTipDecider, tipDecider } from './tip.decider';
import {
  ADMIN_ID,
  anOfferedTip,
  aPaidTip,
  asAdmin,
  asContributor,
  asStranger,
  daysAfterPayment,
  OTHER_PAYMENT_ID,
  OTHER_PLEDGE_ID,
  PAID_AT,
  PLEDGE,
  offerTip,
  recordTipPayment,
  refundTip,
  refundTipWithPledge,
  releaseTipWithPledge,
  shifted,
  tipOffered,
  tipPaid,
  tipRefunded,
  tipRefundedWithPledge,
  tipReleased,
} from './tip.fixtures';

const given = DeciderSpecification.for(tipDecider);

const onField =
  (field: string) =>
  (error: ValidationError): boolean =>
    error.details['field'] === field;

describe('offering a tip', () => {
  it('records the tip chosen with a pledge', () => given([]).when(offerTip()).then(tipOffered()));

  it('records an explicit 0 tip, so the ledger counts contributors who chose none', () =>
    given([])
      .when(offerTip({ amount: eur(0) }))
      .then(tipOffered({ amount: eur(0) })));

  it('accepts a tip equal to the pledge', () =>
    given([])
      .when(offerTip({ amount: PLEDGE }))
      .then(tipOffered({ amount: PLEDGE })));

  it('refuses a tip above the allowed multiple of the pledge', () =>
    given([])
      .when(offerTip({ amount: eur(PLEDGE.amount + 1) }))
      .thenThrows(ValidationError, onField('amount')));

  it('follows the configured multiple', () =>
    DeciderSpecification.for(createTipDecider(tipRules({ maxTipMultipleOfPledge: 2 })))([])
      .when(offerTip({ amount: eur(2 * PLEDGE.amount) }))
      .then(tipOffered({ amount: eur(2 * PLEDGE.amount) })));

  it.each([0, 1.5, -1])('refuses a configured multiple of %p when the service starts', (multiple) =>
    expect(() => createTipDecider(tipRules({ maxTipMultipleOfPledge: multiple }))).toThrow(TypeError),
  );

  it('refuses a negative tip', () =>
    given([])
      .when(offerTip({ amount: eur(-1) }))
      .thenThrows(ValidationError, onField('amount')));

  it('refuses a tip in another currency than its pledge', () =>
    given([])
      .when(offerTip({ amount: money(300, 'USD') }))
      .thenThrows(ValidationError, onField('amount')));

  it('refuses an amount that is not whole minor units', () =>
    given([])
      .when(offerTip({ amount: { amount: 2.5, currency: 'EUR' } }))
      .thenThrows(ValidationError, onField('amount')));

  it('refuses a tip with no positive pledge', () =>
    given([])
      .when(offerTip({ pledgeAmount: eur(0), amount: eur(0) }))
      .thenThrows(ValidationError, onField('pledgeAmount')));

  it('ignores the same offer delivered twice', () => given(anOfferedTip()).when(offerTip()).thenNothingHappened());

  it('refuses to change an offered tip’s terms', () =>
    given(anOfferedTip())
      .when(offerTip({ amount: eur(500) }))
      .thenThrows(IllegalStateError));

  it('needs the time in the command', () =>
    expect(() =>
      tipDecider.decide({ ...offerTip(), metadata: { now: new Date(Number.NaN) } }, tipDecider.initialState()),
    ).toThrow(TypeError));
});

describe('paying a tip', () => {
  it('is paid when the payment covering its pledge succeeds', () =>
    given(anOfferedTip()).when(recordTipPayment()).then(tipPaid()));

  it('records a 0 tip as paid too, so its month counts the contributor', () =>
    given(anOfferedTip(eur(0)))
      .when(recordTipPayment())
      .then(tipPaid({ amount: eur(0) })));

  it('ignores the same payment delivered twice', () => given(aPaidTip()).when(recordTipPayment()).thenNothingHappened());

  it('refuses a second, different payment', () =>
    given(aPaidTip())
      .when(recordTipPayment({ paymentId: OTHER_PAYMENT_ID }))
      .thenThrows(IllegalStateError));

  it('refuses a payment for another pledge', () =>
    given(anOfferedTip())
      .when(recordTipPayment({ pledgeId: OTHER_PLEDGE_ID }))
      .thenThrows(ValidationError, onField('pledgeId')));

  it('refuses a payment for a tip never offered', () => given([]).when(recordTipPayment()).thenThrows(NotFoundError));

  it('refuses a payment once released with its pledge', () =>
    given([...anOfferedTip(), tipReleased()])
      .when(recordTipPayment())
      .thenThrows(IllegalStateError));
});

describe('refunding a tip alone', () => {
  it('is granted to its contributor within the window', () => given(aPaidTip()).when(refundTip()).then(tipRefunded()));

  it('is granted on the window’s last millisecond', () =>
    given(aPaidTip())
      .when(refundTip(asContributor(daysAfterPayment(30))))
      .then(tipRefunded({ refundedAt: daysAfterPayment(30).toISOString() })));

  it('is refused to its contributor once the window has closed', () =>
    given(aPaidTip())
      .when(refundTip(asContributor(shifted(PAID_AT, 30 * DAY_MS + 1))))
      .thenThrows(IllegalStateError));

  it('follows the configured window', () =>
    DeciderSpecification.for(createTipDecider(tipRules({ contributorRefundWindowMs: 7 * DAY_MS })))(aPaidTip())
      .when(refundTip(asContributor(daysAfterPayment(8))))
      .thenThrows(IllegalStateError));

  it('refuses a configured window that is not a whole number of milliseconds', () =>
    expect(() => createTipDecider(tipRules({ contributorRefundWindowMs: 0.5 }))).toThrow(TypeError));

  it('is granted to an admin at any time', () =>
    given(aPaidTip())
      .when(refundTip(asAdmin(daysAfterPayment(400))))
      .then(tipRefunded({ refundedBy: ADMIN_ID, requestedAs: 'admin', refundedAt: daysAfterPayment(400).toISOString() })));

  it('is refused to anyone else', () =>
    given(aPaidTip())
      .when(refundTip(asStranger(daysAfterPayment(1))))
      .thenThrows(ForbiddenError));

  it('tells a stranger nothing about an unpaid tip', () =>
    given(anOfferedTip())
      .when(refundTip(asStranger(daysAfterPayment(1))))
      .thenThrows(ForbiddenError));

  it('is refused before payment: nothing was charged', () =>
    given(anOfferedTip()).when(refundTip()).thenThrows(IllegalStateError));

  it('is refused for a 0 tip: nothing to refund', () =>
    given(aPaidTip(eur(0)))
      .when(refundTip())
      .thenThrows(IllegalStateError));

  it('happens once: a second request changes nothing', () =>
    given([...aPaidTip(), tipRefunded()])
      .when(refundTip())
      .thenNothingHappened());

  it('refuses a tip that does not exist', () => given([]).when(refundTip()).thenThrows(NotFoundError));
});

describe('a tip follows its pledge', () => {
  it('is refunded with its refunded pledge', () => given(aPaidTip()).when(refundTipWithPledge()).then(tipRefundedWithPledge()));

  it('is refunded with its pledge even after the contributor’s window', () =>
    given(aPaidTip())
      .when(refundTipWithPledge({}, daysAfterPayment(365)))
      .then(tipRefundedWithPledge({ refundedAt: daysAfterPayment(365).toISOString() })));

  it('is not refunded twice when already refunded alone', () =>
    given([...aPaidTip(), tipRefunded()])
      .when(refundTipWithPledge())
      .thenNothingHappened());

  it('ignores the pledge’s refund delivered twice', () =>
    given([...aPaidTip(), tipRefundedWithPledge()])
      .when(refundTipWithPledge())
      .thenNothingHappened());

  it('cannot be refunded with its pledge before it is paid', () =>
    given(anOfferedTip()).when(refundTipWithPledge()).thenThrows(IllegalStateError));

  it('is released with its pledge released before payment', () =>
    given(anOfferedTip()).when(releaseTipWithPledge()).then(tipReleased()));

  it('ignores the pledge’s release delivered twice', () =>
    given([...anOfferedTip(), tipReleased()])
      .when(releaseTipWithPledge())
      .thenNothingHappened());

  it('cannot be released once paid: it must be refunded', () =>
    given(aPaidTip()).when(releaseTipWithPledge()).thenThrows(IllegalStateError));

  it('ignores another pledge’s refund or release', () => {
    given(aPaidTip())
      .when(refundTipWithPledge({ pledgeId: OTHER_PLEDGE_ID }))
      .thenThrows(ValidationError, onField('pledgeId'));
    given(anOfferedTip())
      .when(releaseTipWithPledge({ pledgeId: OTHER_PLEDGE_ID }))
      .thenThrows(ValidationError, onField('pledgeId'));
  });
});
