import { randomBytes } from 'node:crypto';
import { cardStepFromEnv, type CardStep } from './card-step.config';

/** The web front's settings (ADR 0030). */
export interface WebConfig {
  /** Where the site listens: WEB_PORT, 8080 by default; 0 picks a free port. */
  readonly port: number;
  /** The interface to bind (HOST); every interface when absent. */
  readonly host?: string;
  /** The public REST API the pages are read from: ELAN_API_URL, the gateway's origin. */
  readonly apiUrl: string;
  /** How long a page waits for the API before it says the site is unavailable. */
  readonly apiTimeoutMs: number;
  /**
   * WEB_PUBLIC_URL, the origin visitors reach the site at (`https://elan.example.org`): POSTs
   * must come from it, and cookies are `Secure` (and `__Host-` prefixed) when it is HTTPS. Absent
   * in development, where a POST's `Origin` must match its `Host` and cookies go over plain HTTP.
   */
  readonly publicOrigin?: string;
  /** WEB_SESSION_SECRET (at least 32 characters), which CSRF tokens are signed with; random per process when absent. */
  readonly sessionSecret: Buffer;
  /**
   * WEB_ONBOARDING_ORIGIN, where the payout account's onboarding pages are (Stripe's,
   * `https://connect.stripe.com`, by default; the Stripe emulator's origin under `npm start`):
   * the payout account's form is sent on there, so its page's `form-action` allows it.
   */
  readonly onboardingOrigin?: string;
  /** The checkout's card step: STRIPE_PUBLISHABLE_KEY (Stripe's Payment Element) or STRIPE_EMULATOR_URL (its test-card page). */
  readonly cardStep?: CardStep;
}

export const DEFAULT_WEB_PORT = 8080;
const DEFAULT_API_URL = 'http://localhost:3000';
const DEFAULT_API_TIMEOUT_MS = 5_000;
export const DEFAULT_ONBOARDING_ORIGIN = 'https://connect.stripe.com';

const isLocalHost = (url: string): boolean => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);

const portOf = (value: string | undefined, name: string, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`${name} must be a port number, got ${JSON.stringify(value)}`);
  return port;
};

/** WEB_PORT, HOST, ELAN_API_URL and WEB_API_TIMEOUT_MS; a bad value is refused by name. */
export const webConfigFromEnv = (env: NodeJS.ProcessEnv): WebConfig => {
  const apiUrl = (env.ELAN_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, '');
  if (!URL.canParse(apiUrl) || !/^https?:$/.test(new URL(apiUrl).protocol))
    throw new Error(`ELAN_API_URL must be an http(s) URL (the gateway's origin), got ${JSON.stringify(env.ELAN_API_URL)}`);
  const timeout = Number(env.WEB_API_TIMEOUT_MS ?? DEFAULT_API_TIMEOUT_MS);
  if (!Number.isInteger(timeout) || timeout <= 0)
    throw new Error(
      `WEB_API_TIMEOUT_MS must be a positive number of milliseconds, got ${JSON.stringify(env.WEB_API_TIMEOUT_MS)}`,
    );
  const publicUrl = env.WEB_PUBLIC_URL?.replace(/\/+$/, '');
  if (publicUrl !== undefined && publicUrl !== '' && (!URL.canParse(publicUrl) || !/^https?:$/.test(new URL(publicUrl).protocol)))
    throw new Error(`WEB_PUBLIC_URL must be the site's http(s) origin, got ${JSON.stringify(env.WEB_PUBLIC_URL)}`);
  const production = env.NODE_ENV === 'production';
  // In production the site is served over HTTPS (cookies are Secure only there); plain HTTP is
  // taken for a machine's own address only (`docker compose up` on a laptop).
  if (production && (publicUrl === undefined || (!publicUrl.startsWith('https://') && !isLocalHost(publicUrl))))
    throw new Error('WEB_PUBLIC_URL must be the https origin of the site in production (cookies are Secure only over HTTPS)');
  const secret = env.WEB_SESSION_SECRET;
  if (secret !== undefined && secret !== '' && secret.length < 32)
    throw new Error('WEB_SESSION_SECRET must have at least 32 characters');
  if (production && (secret === undefined || secret === ''))
    throw new Error('WEB_SESSION_SECRET must be set in production: every replica signs forms with it');
  const onboarding = env.WEB_ONBOARDING_ORIGIN || DEFAULT_ONBOARDING_ORIGIN;
  if (!URL.canParse(onboarding) || !/^https?:$/.test(new URL(onboarding).protocol))
    throw new Error(`WEB_ONBOARDING_ORIGIN must be an http(s) origin, got ${JSON.stringify(env.WEB_ONBOARDING_ORIGIN)}`);
  return {
    port: portOf(env.WEB_PORT, 'WEB_PORT', DEFAULT_WEB_PORT),
    onboardingOrigin: new URL(onboarding).origin,
    ...(publicUrl ? { publicOrigin: new URL(publicUrl).origin } : {}),
    sessionSecret: secret ? Buffer.from(secret, 'utf8') : randomBytes(32),
    ...(env.HOST ? { host: env.HOST } : {}),
    apiUrl,
    apiTimeoutMs: timeout,
    cardStep: cardStepFromEnv(env),
  };
};
