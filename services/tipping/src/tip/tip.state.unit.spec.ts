import { eur, fold, IllegalStateError } from '@elan/domain-kernel';
import { tipDecider } from './tip.decider';
import type { TipEvent } from './tip.events';
import { PAID_AT, PAYMENT_ID, tipOffered, tipPaid, tipRefunded, tipRefundedWithPledge, tipReleased } from './tip.fixtures';

const stateAfter = (events: readonly TipEvent[]) => fold(tipDecider, events);

describe('the tip’s state', () => {
  it('starts with no tip', () => expect(stateAfter([]).status).toBe('none'));

  it('moves offered → paid → refunded, remembering who asked', () => {
    expect(stateAfter([tipOffered()])).toMatchObject({ status: 'offered', amount: eur(300) });
    expect(stateAfter([tipOffered(), tipPaid()])).toMatchObject({ status: 'paid', paymentId: PAYMENT_ID, paidAt: PAID_AT });
    expect(stateAfter([tipOffered(), tipPaid(), tipRefunded()])).toMatchObject({ status: 'refunded', refundedAs: 'contributor' });
    expect(stateAfter([tipOffered(), tipPaid(), tipRefundedWithPledge()])).toMatchObject({
      status: 'refunded',
      refundedAs: 'pledge',
    });
    expect(stateAfter([tipOffered(), tipReleased()])).toMatchObject({ status: 'released' });
  });

  it.each<[string, TipEvent[]]>([
    ['a payment before the offer', [tipPaid()]],
    ['a second offer', [tipOffered(), tipOffered()]],
    ['a refund before payment', [tipOffered(), tipRefunded()]],
    ['a second refund', [tipOffered(), tipPaid(), tipRefunded(), tipRefundedWithPledge()]],
    ['a release after payment', [tipOffered(), tipPaid(), tipReleased()]],
    ['a payment after release', [tipOffered(), tipReleased(), tipPaid()]],
  ])('refuses %s: the stream is corrupt', (_name, events) => expect(() => stateAfter(events)).toThrow(IllegalStateError));
});
