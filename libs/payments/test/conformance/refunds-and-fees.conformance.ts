import { eur, subtract } from '@elan/domain-kernel';
import { isPaymentProviderError } from '../../src';
import { aPledge, type TargetOf } from './conformance-target';

export const refundsAndFees = (target: TargetOf): void =>
  describe('refunds and fees', () => {
    const aPaidPledge = async () => {
      const pledge = aPledge();
      const outcome = await target().provider.payNow({
        owner: pledge.owner,
        idempotencyKey: pledge.key('pay'),
        amount: eur(10_000),
        paymentMethodId: 'pm_card_visa',
      });
      if (outcome.kind !== 'succeeded') throw new Error('pm_card_visa did not succeed');
      return { pledge, payment: outcome.payment };
    };

    it('reads the fee of a charge from its balance transaction: net is the amount less the fee', async () => {
      const { payment } = await aPaidPledge();
      const entry = await target().provider.feesOfPayment(payment.paymentId);
      expect(entry.balanceTransactionId).toMatch(/^txn_/);
      expect(entry.fee.amount).toBeGreaterThan(0);
      expect(entry.net).toEqual(subtract(entry.amount, entry.fee));
      // Stripe settles in the platform's currency, which may not be the payment's.
      if (entry.amount.currency === payment.amount.currency) expect(entry.amount).toEqual(payment.amount);
      const feeOf = target().feeOf;
      if (feeOf) expect(entry.fee).toEqual(feeOf(payment.amount));
    });

    it('refunds part, then the rest; a third refund is rejected', async () => {
      const { pledge, payment } = await aPaidPledge();
      const { provider } = target();
      const part = await provider.refund({
        owner: pledge.owner,
        idempotencyKey: pledge.key('refund', '1'),
        paymentId: payment.paymentId,
        amount: eur(3_000),
      });
      expect(part).toEqual({
        refundId: expect.stringMatching(/^re_/),
        paymentId: payment.paymentId,
        amount: eur(3_000),
        status: 'succeeded',
      });
      const rest = await provider.refund({
        owner: pledge.owner,
        idempotencyKey: pledge.key('refund', '2'),
        paymentId: payment.paymentId,
      });
      expect(rest).toMatchObject({ amount: eur(7_000), status: 'succeeded' });
      await expect(provider.retrieveRefund(part.refundId)).resolves.toEqual(part);
      const error: unknown = await provider
        .refund({ owner: pledge.owner, idempotencyKey: pledge.key('refund', '3'), paymentId: payment.paymentId })
        .catch((thrown: unknown) => thrown);
      expect(isPaymentProviderError(error, 'rejected')).toBe(true);
      expect(error).toMatchObject({ details: { code: 'charge_already_refunded' } });
    });

    it('refunds once when the same key is sent twice', async () => {
      const { pledge, payment } = await aPaidPledge();
      const request = {
        owner: pledge.owner,
        idempotencyKey: pledge.key('refund'),
        paymentId: payment.paymentId,
        amount: eur(500),
      };
      const first = await target().provider.refund(request);
      await expect(target().provider.refund(request)).resolves.toEqual(first);
    });

    it('reads a refund’s balance transaction: money out of the balance', async () => {
      const { pledge, payment } = await aPaidPledge();
      const refund = await target().provider.refund({
        owner: pledge.owner,
        idempotencyKey: pledge.key('refund'),
        paymentId: payment.paymentId,
      });
      const entry = await target().provider.feesOfRefund(refund.refundId);
      expect(entry.amount.amount).toBeLessThan(0);
      expect(entry.net).toEqual(subtract(entry.amount, entry.fee));
      if (entry.amount.currency === payment.amount.currency) expect(entry.amount).toEqual(eur(-10_000));
    });
  });
