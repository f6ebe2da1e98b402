import { eur } from '@elan/domain-kernel';
import { isPaymentProviderError, type PaymentOutcome } from '../../src';
import { aPledge, itWithControls, required, type Controls, type TargetOf } from './conformance-target';

/** A retry can never charge twice: the whole point of keys derived from Élan's ids. */
export const idempotency = (target: TargetOf, controls: Controls): void =>
  describe('idempotent retries', () => {
    const collect = (pledge: ReturnType<typeof aPledge>, amount = eur(3_000)): Promise<PaymentOutcome> =>
      target().provider.payNow({
        owner: pledge.owner,
        idempotencyKey: pledge.key('collect'),
        amount,
        paymentMethodId: 'pm_card_visa',
      });

    const paymentOf = (outcome: PaymentOutcome) => {
      if (outcome.kind !== 'succeeded') throw new Error(`expected a succeeded payment, got ${outcome.kind}`);
      return outcome.payment;
    };

    it('charges once when the same key is sent twice', async () => {
      const pledge = aPledge();
      const first = paymentOf(await collect(pledge));
      const second = paymentOf(await collect(pledge));
      expect(second.paymentId).toBe(first.paymentId);
      expect(second.chargeId).toBe(first.chargeId);
    });

    it('answers a replayed decline with the same decline', async () => {
      const pledge = aPledge();
      const pay = () =>
        target().provider.payNow({
          owner: pledge.owner,
          idempotencyKey: pledge.key('collect'),
          amount: eur(3_000),
          paymentMethodId: 'pm_card_chargeDeclinedInsufficientFunds',
        });
      const first = await pay();
      expect(await pay()).toEqual(first);
    });

    it('surfaces the same key with another amount as an idempotency conflict', async () => {
      const pledge = aPledge();
      await collect(pledge, eur(3_000));
      const error: unknown = await collect(pledge, eur(3_001)).catch((thrown: unknown) => thrown);
      expect(isPaymentProviderError(error, 'idempotency_conflict')).toBe(true);
    });

    itWithControls(controls)(
      'charges once when the answer is lost and the SDK retries with the same key (emulator control)',
      async () => {
        const pledge = aPledge();
        await required(target().loseNextResponses, 'loseNextResponses')('/v1/payment_intents', 1);
        const retried = paymentOf(await collect(pledge));
        expect(retried.status).toBe('succeeded');
        await expect(required(target().chargesOf, 'chargesOf')(pledge.owner)).resolves.toBe(1);
      },
    );

    itWithControls(controls)(
      'charges once when the service retries, with the same key, a call whose answer it lost (emulator control)',
      async () => {
        const pledge = aPledge();
        // The SDK retries a reset connection once even without retries: lose both answers.
        await required(target().loseNextResponses, 'loseNextResponses')('/v1/payment_intents', 2);
        const request = {
          owner: pledge.owner,
          idempotencyKey: pledge.key('collect'),
          amount: eur(3_000),
          paymentMethodId: 'pm_card_visa',
        };
        const lost: unknown = await target()
          .providerWith({ maxNetworkRetries: 0 })
          .payNow(request)
          .catch((thrown: unknown) => thrown);
        expect(isPaymentProviderError(lost, 'unavailable')).toBe(true);
        await expect(target().provider.payNow(request)).resolves.toMatchObject({ kind: 'succeeded' });
        await expect(required(target().chargesOf, 'chargesOf')(pledge.owner)).resolves.toBe(1);
      },
    );

    itWithControls(controls)('reports Stripe errors that outlast the retries as unavailable (emulator control)', async () => {
      const pledge = aPledge();
      await required(target().failNextCalls, 'failNextCalls')('/v1/payment_intents', 2);
      const error: unknown = await target()
        .providerWith({ maxNetworkRetries: 1 })
        .payNow({
          owner: pledge.owner,
          idempotencyKey: pledge.key('collect'),
          amount: eur(3_000),
          paymentMethodId: 'pm_card_visa',
        })
        .catch((thrown: unknown) => thrown);
      expect(isPaymentProviderError(error, 'unavailable')).toBe(true);
      expect(error).toMatchObject({ details: { statusCode: 500 } });
    });
  });
