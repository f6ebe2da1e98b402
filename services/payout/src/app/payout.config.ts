import { z } from 'zod';
import { stripeConnectionFromEnv, type StripeConnection } from '@elan/payments';
import { serviceConfigFromEnv, type ServiceConfig } from '@elan/service-kit';
import { transparencyConfigFromEnv, type TransparencyConfig } from '@elan/transparency';
import type { StatementSettings } from './payout-statements';
import { MONTHLY, parseStatementInterval } from './statement-schedule';

/** The payout service's configuration: the kit's common part, Stripe, and where onboarding sends the holder back. */
export interface PayoutConfig extends ServiceConfig {
  /**
   * Where the payment port talks (STRIPE_SECRET_KEY, STRIPE_API_URL). Without it the service
   * answers, but starting a payout account is refused with a clear error, and the account updates
   * it receives wait (retried) until a key is configured.
   */
  readonly stripe?: StripeConnection;
  /** Where Stripe sends the holder once onboarding is done (Stripe's `return_url`). */
  readonly onboardingReturnUrl: string;
  /** Where Stripe sends the holder when the link has expired or was used (Stripe's `refresh_url`). */
  readonly onboardingRefreshUrl: string;
  /** The country of the Express accounts created (ISO 3166-1 alpha-2). */
  readonly accountCountry: string;
  /** The statement worker's pace (DEFAULT_STATEMENT_SETTINGS unless given). */
  readonly statements?: StatementSettings;
  /** How often the statement worker looks for work, in ms (default 1 000). */
  readonly statementWorkerIntervalMs?: number;
  /**
   * Signed checkpoints of the payout ledgers and statements (ADR 0025): TRANSPARENCY_SIGNING_KEY
   * and TRANSPARENCY_INTERVAL_MS; absent, the development key and an hourly checkpoint.
   */
  readonly transparency?: TransparencyConfig;
  /** Time between two reconciliation runs, in ms (RECONCILIATION_INTERVAL_MS, default 15 minutes; ADR 0028). */
  readonly reconciliationIntervalMs?: number;
}

/** Every 15 minutes: a drift is seen within the quarter hour, and Stripe's lists are not read more often than that. */
export const DEFAULT_RECONCILIATION_INTERVAL_MS = 15 * 60_000;

/** Monthly keep-it-all statements; failed transfers retried after 1 min, doubling up to 6 h; a waiting account looked at every minute. */
export const DEFAULT_STATEMENT_SETTINGS: StatementSettings = {
  interval: MONTHLY,
  retryBaseMs: 60_000,
  retryMaxMs: 6 * 3_600_000,
  accountRecheckMs: 60_000,
};

/** The public address of Élan's web pages when PUBLIC_BASE_URL is not set: the web front's default port. */
export const DEFAULT_PUBLIC_BASE_URL = 'http://localhost:8080';

const url = () => z.url({ protocol: /^https?$/ });

const ownEnvironment = {
  /** The public address of Élan's pages (scheme, host, port); the onboarding URLs default to pages under it. */
  PUBLIC_BASE_URL: url().default(DEFAULT_PUBLIC_BASE_URL),
  PAYOUT_ONBOARDING_RETURN_URL: url().optional(),
  PAYOUT_ONBOARDING_REFRESH_URL: url().optional(),
  PAYOUT_ACCOUNT_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as FR')
    .default('FR'),
  /** `monthly` (the 1st, 00:00 UTC) or an interval in milliseconds. */
  PAYOUT_STATEMENT_INTERVAL: z.string().optional(),
  PAYOUT_WORKER_INTERVAL_MS: z.coerce.number().int().positive().default(1_000),
  PAYOUT_TRANSFER_RETRY_MS: z.coerce.number().int().positive().default(DEFAULT_STATEMENT_SETTINGS.retryBaseMs),
  PAYOUT_TRANSFER_RETRY_MAX_MS: z.coerce.number().int().positive().default(DEFAULT_STATEMENT_SETTINGS.retryMaxMs),
  PAYOUT_ACCOUNT_RECHECK_MS: z.coerce.number().int().positive().default(DEFAULT_STATEMENT_SETTINGS.accountRecheckMs),
  RECONCILIATION_INTERVAL_MS: z.coerce.number().int().positive().default(DEFAULT_RECONCILIATION_INTERVAL_MS),
};

export function payoutConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): PayoutConfig {
  const { own, ...config } = serviceConfigFromEnv('payout', env, ownEnvironment);
  const stripe = stripeConnectionFromEnv(env);
  const base = own.PUBLIC_BASE_URL.replace(/\/+$/, '');
  return {
    ...config,
    ...(stripe && { stripe }),
    onboardingReturnUrl: own.PAYOUT_ONBOARDING_RETURN_URL ?? `${base}/me/payout-account?onboarding=done`,
    onboardingRefreshUrl: own.PAYOUT_ONBOARDING_REFRESH_URL ?? `${base}/me/payout-account?onboarding=expired`,
    accountCountry: own.PAYOUT_ACCOUNT_COUNTRY,
    statements: {
      interval: statementInterval(own.PAYOUT_STATEMENT_INTERVAL),
      retryBaseMs: own.PAYOUT_TRANSFER_RETRY_MS,
      retryMaxMs: own.PAYOUT_TRANSFER_RETRY_MAX_MS,
      accountRecheckMs: own.PAYOUT_ACCOUNT_RECHECK_MS,
    },
    statementWorkerIntervalMs: own.PAYOUT_WORKER_INTERVAL_MS,
    transparency: transparencyConfigFromEnv(env),
    reconciliationIntervalMs: own.RECONCILIATION_INTERVAL_MS,
  };
}

const statementInterval = (value: string | undefined) => {
  try {
    return parseStatementInterval(value);
  } catch (error) {
    throw new Error(`invalid payout configuration: ${(error as Error).message}`, { cause: error });
  }
};
