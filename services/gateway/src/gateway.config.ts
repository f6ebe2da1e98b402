import { z } from 'zod';
import { serviceConfigFromEnv, type ServiceConfig } from '@elan/service-kit';
import { authOptionsFromEnv, type AuthOptions } from './auth/auth.config';

/**
 * Everything the gateway needs from its surroundings, passed explicitly (no env reads inside):
 * the kit's common part (its NATS seed is the one user that may send requests, ADR 0011; its
 * schema holds accounts, tokens, rate limits, `gateway` unless given), then its own.
 */
export interface GatewayConfig extends Omit<ServiceConfig, 'schema'> {
  readonly schema?: string;
  /** HTTP port; 0 lets the system pick one. */
  readonly port: number;
  /** Interface to listen on; every interface when absent. */
  readonly host?: string;
  /** How long a request to a service waits for its reply; `DEFAULT_REQUEST_TIMEOUT_MS` unless given. */
  readonly requestTimeoutMs?: number;
  /** Accounts, access tokens, rate limits, first admin: see `auth/auth.config.ts`. */
  readonly auth?: AuthOptions;
  /**
   * Express's `trust proxy` setting, so the client address rate limits count on is the one a
   * load balancer forwards (e.g. `1` for one proxy hop, `loopback`, a CIDR). Off when absent.
   */
  readonly trustProxy?: boolean | number | string;
  /**
   * The signing secret of Stripe's webhook endpoint (`whsec_…`), checking `POST
   * /api/webhooks/stripe`. Without it that route answers 503 and records nothing.
   */
  readonly stripeWebhookSecret?: string;
}

/** Injection token of the `GatewayConfig`. */
export const GATEWAY_CONFIG = Symbol('GatewayConfig');

/** The gateway's own variables, beside the kit's common ones. */
const gatewayFields = {
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).optional(),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  TRUST_PROXY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
};

/**
 * Where Stripe is configured (its API key is set) in production, its events must be verifiable:
 * a gateway without the webhook secret would turn every delivery away until Stripe gives up.
 */
function assertStripeWebhookSecret(env: Readonly<Record<string, string | undefined>>, secret: string | undefined): void {
  if (env.NODE_ENV === 'production' && env.STRIPE_SECRET_KEY !== undefined && secret === undefined)
    throw new Error(
      'invalid gateway service environment:\n✖ STRIPE_WEBHOOK_SECRET is required when NODE_ENV=production and STRIPE_SECRET_KEY is set (the endpoint’s whsec_… secret)',
    );
}

const trustProxyOf = (value: string): boolean | number | string =>
  value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value;

/**
 * The configuration of a gateway started on its own (`main.ts`), from the environment: the
 * kit's common variables (`serviceConfigFromEnv`: DATABASE_URL, NATS_URL, GATEWAY_SCHEMA, the
 * NATS seed…), then PORT, HOST, REQUEST_TIMEOUT_MS, TRUST_PROXY, STRIPE_WEBHOOK_SECRET and the
 * auth options.
 */
export function gatewayConfigFromEnv(env: Readonly<Record<string, string | undefined>>): GatewayConfig {
  const { own, ...common } = serviceConfigFromEnv('gateway', env, gatewayFields);
  const { PORT, HOST, REQUEST_TIMEOUT_MS, TRUST_PROXY, STRIPE_WEBHOOK_SECRET } = own;
  assertStripeWebhookSecret(env, STRIPE_WEBHOOK_SECRET);
  return {
    ...common,
    port: PORT,
    ...(HOST ? { host: HOST } : {}),
    ...(REQUEST_TIMEOUT_MS ? { requestTimeoutMs: REQUEST_TIMEOUT_MS } : {}),
    ...(TRUST_PROXY ? { trustProxy: trustProxyOf(TRUST_PROXY) } : {}),
    ...(STRIPE_WEBHOOK_SECRET ? { stripeWebhookSecret: STRIPE_WEBHOOK_SECRET } : {}),
    auth: authOptionsFromEnv(env),
  };
}
