import { add, multiplyByRatio, money, type Money } from '@elan/domain-kernel';
import { EUROPEAN_CARD_FEES, startStripeEmulator } from '@elan/stripe-emulator';
import { StripePaymentProvider, type StripeConnection } from '../src';
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
      providerWithSecretKey: (secretKey: string) => new StripePaymentProvider({ ...connection, secretKey, maxNetworkRetries: 0 }),
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
      loseNextResponse: (path) =>
        emulator.control.failNext({ path, method: 'POST', kind: 'connection-reset', afterProcessing: true }),
      stop: () => emulator.stop(),
    };
  },
  { controls: 'emulator' },
);
