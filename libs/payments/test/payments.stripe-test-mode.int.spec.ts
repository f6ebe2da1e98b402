import { StripePaymentProvider } from '../src';
import { describePaymentProviderConformance } from './conformance/payment-provider.conformance';

/**
 * The same conformance suite against Stripe's own test mode: the check that the emulator still
 * behaves as Stripe does. Run it with a test key of any Stripe account:
 *   STRIPE_SECRET_KEY=sk_test_… npx jest libs/payments
 * A live key is refused: this suite creates customers, charges and accounts.
 */
const secretKey = process.env['STRIPE_SECRET_KEY'] ?? '';
const country = process.env['STRIPE_CONNECT_COUNTRY'] ?? 'FR';

const skipBecause =
  secretKey === ''
    ? 'STRIPE_SECRET_KEY is not set (STRIPE_SECRET_KEY=sk_test_… npx jest libs/payments runs it)'
    : secretKey.startsWith('sk_test_')
      ? undefined
      : 'STRIPE_SECRET_KEY is not a test-mode key (sk_test_…); the suite never runs with a live key';

// Jest prints no title of a file whose tests are all skipped: say it where a person reads it too.
if (skipBecause !== undefined) console.info(`Stripe test-mode conformance skipped: ${skipBecause}`);

describePaymentProviderConformance(
  'PaymentProvider conformance against Stripe test mode',
  () =>
    Promise.resolve({
      provider: new StripePaymentProvider({ secretKey }),
      providerWith: (options) => new StripePaymentProvider({ secretKey, ...options }),
      connectedAccountCountry: country,
      stop: () => Promise.resolve(),
    }),
  { controls: 'none', skipBecause },
);
