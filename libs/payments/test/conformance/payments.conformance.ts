import { eur } from '@elan/domain-kernel';
import { isPaymentProviderError, type PaymentOutcome } from '../../src';
import { aPledge, type TargetOf } from './conformance-target';

/** Keep-it-all campaigns: the contributor pays at once, captured automatically. */
export const payments = (target: TargetOf): void =>
  describe('payments (PaymentIntents)', () => {
    const payNow = (testCard: string, pledge = aPledge()): Promise<PaymentOutcome> =>
      target().provider.payNow({
        owner: pledge.owner,
        idempotencyKey: pledge.key('pay'),
        amount: eur(4_200),
        paymentMethodId: testCard,
        transferGroup: 'campaign-conformance',
      });

    it('pays now with pm_card_visa: succeeded, captured, with its charge, group and owner', async () => {
      const pledge = aPledge();
      const outcome = await payNow('pm_card_visa', pledge);
      expect(outcome).toEqual({
        kind: 'succeeded',
        payment: {
          paymentId: expect.stringMatching(/^pi_/),
          status: 'succeeded',
          amount: eur(4_200),
          customerId: null,
          paymentMethodId: expect.stringMatching(/^pm_/),
          chargeId: expect.stringMatching(/^(ch|py)_/),
          transferGroup: 'campaign-conformance',
          owner: pledge.owner,
          lastDeclineCode: null,
          clientSecret: expect.stringMatching(/^pi_[A-Za-z0-9]+_secret_/),
        },
      });
      if (outcome.kind !== 'succeeded') return;
      await expect(target().provider.retrievePayment(outcome.payment.paymentId)).resolves.toEqual(outcome.payment);
    });

    it.each([
      ['pm_card_chargeDeclined', 'generic_decline'],
      ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ])('answers %s with a declined outcome (%s), the payment waiting for another card', async (testCard, declineCode) =>
      expect(payNow(testCard)).resolves.toEqual({
        kind: 'declined',
        declineCode,
        code: 'card_declined',
        message: expect.any(String),
        payment: expect.objectContaining({ status: 'awaiting_card', lastDeclineCode: declineCode }),
      }),
    );

    it('answers pm_card_authenticationRequired with requires_action, then cancels the payment', async () => {
      const pledge = aPledge();
      const outcome = await payNow('pm_card_authenticationRequired', pledge);
      expect(outcome).toMatchObject({
        kind: 'requires_action',
        payment: { status: 'awaiting_authentication' },
        clientSecret: expect.any(String),
      });
      if (outcome.kind !== 'requires_action') return;
      await expect(
        target().provider.cancelPayment(outcome.payment.paymentId, { idempotencyKey: pledge.key('cancel') }),
      ).resolves.toMatchObject({ status: 'canceled' });
    });

    it('starts a payment, then confirms it with a card', async () => {
      const pledge = aPledge();
      const { provider } = target();
      const started = await provider.startPayment({
        owner: pledge.owner,
        idempotencyKey: pledge.key('start'),
        amount: eur(1_000),
      });
      expect(started).toMatchObject({ status: 'awaiting_card', amount: eur(1_000), chargeId: null, owner: pledge.owner });
      await expect(
        provider.confirmPayment(started.paymentId, { idempotencyKey: pledge.key('confirm'), paymentMethodId: 'pm_card_visa' }),
      ).resolves.toMatchObject({ kind: 'succeeded', payment: { paymentId: started.paymentId, status: 'succeeded' } });
    });

    it('starts a payment with its card, awaiting confirmation, and cancels it', async () => {
      const pledge = aPledge();
      const { provider } = target();
      const started = await provider.startPayment({
        owner: pledge.owner,
        idempotencyKey: pledge.key('start'),
        amount: eur(1_000),
        paymentMethodId: 'pm_card_visa',
      });
      expect(started.status).toBe('awaiting_confirmation');
      await expect(provider.cancelPayment(started.paymentId, { idempotencyKey: pledge.key('cancel') })).resolves.toMatchObject({
        status: 'canceled',
      });
    });

    it('refuses to cancel a succeeded payment, as a rejected request', async () => {
      const pledge = aPledge();
      const outcome = await payNow('pm_card_visa', pledge);
      if (outcome.kind !== 'succeeded') throw new Error('pm_card_visa did not succeed');
      const error: unknown = await target()
        .provider.cancelPayment(outcome.payment.paymentId, { idempotencyKey: pledge.key('cancel') })
        .catch((thrown: unknown) => thrown);
      expect(isPaymentProviderError(error, 'rejected')).toBe(true);
      expect(error).toMatchObject({ details: { code: 'payment_intent_unexpected_state', statusCode: 400 } });
    });

    it('reports an unknown payment as not found', async () => {
      const error: unknown = await target()
        .provider.retrievePayment('pi_doesnotexist0000')
        .catch((thrown: unknown) => thrown);
      expect(isPaymentProviderError(error, 'not_found')).toBe(true);
    });
  });
