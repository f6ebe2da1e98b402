import * as F from '../tip/tip.fixtures';
import { tipPaymentOf } from './tip-payment-facts';

describe('the payment of a tip, from its log', () => {
  it('is the payment that carried it, at the amount paid', () => {
    expect(tipPaymentOf(F.aPaidTip())).toEqual({ pledgeId: F.PLEDGE_ID, paymentId: F.PAYMENT_ID, paid: F.TIP });
  });

  it('says what was given back, alone or with its pledge', () => {
    expect(tipPaymentOf([...F.aPaidTip(), F.tipRefunded()])).toMatchObject({ paid: F.TIP, refunded: F.TIP });
    expect(tipPaymentOf([...F.aPaidTip(), F.tipRefundedWithPledge()])).toMatchObject({ paid: F.TIP, refunded: F.TIP });
  });

  it('does not exist before payment, nor for a tip released with its pledge', () => {
    expect(tipPaymentOf(F.anOfferedTip())).toBeUndefined();
    expect(tipPaymentOf([...F.anOfferedTip(), F.tipReleased()])).toBeUndefined();
  });
});
