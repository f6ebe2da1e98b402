import type { StripeConnection } from './stripe-payment-provider';

/**
 * Where a service's Stripe calls go, from its environment: `STRIPE_SECRET_KEY` always, and
 * `STRIPE_API_URL` to point the SDK at the project's Stripe emulator (`http://127.0.0.1:12111`)
 * instead of Stripe, and `STRIPE_TIMEOUT_MS` to wait less than 20 s for an answer before the SDK
 * retries with the same idempotency key (tests that make the emulator hang). Undefined when no key is set: the service then runs without payments and
 * refuses to move money with a clear error.
 */
export const stripeConnectionFromEnv = (env: Readonly<Record<string, string | undefined>>): StripeConnection | undefined => {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  if (!secretKey) return undefined;
  if (!/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/.test(secretKey))
    throw new Error('STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_…)');
  const timeout = env.STRIPE_TIMEOUT_MS?.trim();
  if (timeout !== undefined && !(/^\d{3,6}$/.test(timeout) && Number(timeout) >= 100))
    throw new Error(`STRIPE_TIMEOUT_MS must be a number of milliseconds (100 to 999999), got ${JSON.stringify(timeout)}`);
  const timing = timeout === undefined ? {} : { timeoutMs: Number(timeout) };
  const apiUrl = env.STRIPE_API_URL?.trim();
  if (!apiUrl) return { secretKey, ...timing };
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new Error(`STRIPE_API_URL must be a URL such as http://127.0.0.1:12111, got ${JSON.stringify(apiUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`STRIPE_API_URL must be http or https, got ${url.protocol}`);
  if (env.NODE_ENV === 'production' && secretKey.includes('_live_') && url.hostname !== 'api.stripe.com')
    throw new Error('a live Stripe key is only ever sent to api.stripe.com');
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    secretKey,
    ...timing,
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
  };
};
