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
      'charges once when the answer is lost and the client retries with the same key (emulator control)',
      async () => {
        const lose = required(target().loseNextResponse, 'loseNextResponse');
        const pledge = aPledge();
        await lose('/v1/payment_intents');
        const retried = paymentOf(await collect(pledge));
        const replayed = paymentOf(await collect(pledge));
        expect(replayed.paymentId).toBe(retried.paymentId);
        expect(replayed.chargeId).toBe(retried.chargeId);
      },
    );
  });
