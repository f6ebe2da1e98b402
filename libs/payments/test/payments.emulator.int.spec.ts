import { add, multiplyByRatio, money, type Money } from '@elan/domain-kernel';
import { EUROPEAN_CARD_FEES, startStripeEmulator, unbalancedBooks } from '@elan/stripe-emulator';
import { elanOwnerOf, StripePaymentProvider, type StripeConnection } from '../src';
import { describePaymentProviderConformance } from './conformance/payment-provider.conformance';

/** The conformance suite against the project's Stripe emulator, through the same SDK and adapter. */

// The emulator's documented fee on European cards, 1.5 % + €0.25. The suite charges amounts whose
// 1.5 % is whole cents, so the rounding mode (the emulator rounds half up) never decides.
const europeanCardFee = (charged: Money): Money =>
  add(
    multiplyByRatio(charged, EUROPEAN_CARD_FEES.percentBasisPoints, 10_000, 'half_even'),
    money(EUROPEAN_CARD_FEES.fixed, charged.currency),
  );

describePaymentProviderConformance(
  'PaymentProvider conformance against the Stripe emulator',
  async () => {
    const emulator = await startStripeEmulator();
    const connection: StripeConnection = {
      secretKey: emulator.secretKey,
      host: emulator.host,
      port: emulator.port,
      protocol: emulator.protocol,
    };
    return {
      provider: new StripePaymentProvider(connection),
      providerWith: (options) => new StripePaymentProvider({ ...connection, ...options }),
      connectedAccountCountry: 'FR',
      verification: {
        verify: async (accountId) => {
          await emulator.control.setAccountVerification(accountId, 'verified');
        },
        restrict: async (accountId, currentlyDue) => {
          await emulator.control.setAccountVerification(accountId, 'restricted', [...currentlyDue]);
        },
      },
      feeOf: europeanCardFee,
      loseNextResponses: (path, times) =>
        emulator.control.failNext({ path, method: 'POST', kind: 'connection-reset', afterProcessing: true, times }),
      failNextCalls: (path, times) => emulator.control.failNext({ path, method: 'POST', kind: 'http-500', times }),
      completeAuthentication: async (intentId) => {
        await emulator.control.completeAuthentication(intentId);
      },
      chargesOf: async (owner) => {
        const { paymentIntents, charges } = await emulator.control.state();
        const owned = new Set(
          Object.values(paymentIntents)
            .filter((intent) => elanOwnerOf(intent.metadata)?.id === owner.id)
            .map((intent) => intent.id),
        );
        return Object.values(charges).filter((charge) => owned.has(String(charge.payment_intent))).length;
      },
      // The suite ends with the books: what was charged, less refunds and transfers, is what the
      // balance moved, to the cent, whatever the retries and lost answers did.
      stop: async () => {
        const problems = unbalancedBooks(await emulator.control.state());
        await emulator.stop();
        if (problems.length > 0) throw new Error(`the emulator's books do not balance:\n${problems.join('\n')}`);
      },
    };
  },
  { controls: 'emulator' },
);
