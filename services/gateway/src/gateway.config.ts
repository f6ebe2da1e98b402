import { z } from 'zod';
import { natsSeedFromEnv } from '@elan/messaging';
import { authOptionsFromEnv, type AuthOptions } from './auth/auth.config';

/** Everything the gateway needs from its surroundings, passed explicitly (no env reads inside). */
export interface GatewayConfig {
  /** PostgreSQL of the gateway's database. */
  readonly databaseUrl: string;
  /** NATS server (JetStream enabled) carrying commands and events. */
  readonly natsUrl: string;
  /**
   * The gateway's NATS user seed (`SU…`): the one user that may send requests (ADR 0011). Absent
   * only on an open server (tests); `gatewayConfigFromEnv` requires it in production.
   */
  readonly natsSeed?: string;
  /** HTTP port; 0 lets the system pick one. */
  readonly port: number;
  /** Interface to listen on; every interface when absent. */
  readonly host?: string;
  /** How long a request to a service waits for its reply; `DEFAULT_REQUEST_TIMEOUT_MS` unless given. */
  readonly requestTimeoutMs?: number;
  /** PostgreSQL schema of the gateway's own tables (accounts…); `gateway` unless given. */
  readonly schema?: string;
  /** Accounts, access tokens, rate limits, first admin: see `auth/auth.config.ts`. */
  readonly auth?: AuthOptions;
  /**
   * Express's `trust proxy` setting, so the client address rate limits count on is the one a
   * load balancer forwards (e.g. `1` for one proxy hop, `loopback`, a CIDR). Off when absent.
   */
  readonly trustProxy?: boolean | number | string;
}

/** Injection token of the `GatewayConfig`. */
export const GATEWAY_CONFIG = Symbol('GatewayConfig');

const isUrl = (value: string): boolean => URL.canParse(value);

const environment = z.object({
  DATABASE_URL: z.string().refine(isUrl, 'must be a URL such as postgres://user:password@host:5432/elan'),
  NATS_URL: z.string().refine(isUrl, 'must be a URL such as nats://host:4222'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).optional(),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  GATEWAY_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).optional(),
  TRUST_PROXY: z.string().min(1).optional(),
});

const trustProxyOf = (value: string): boolean | number | string =>
  value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value;

/**
 * The configuration of a gateway started on its own (`main.ts`), from the environment; the NATS
 * seed from NATS_NKEY_SEED or NATS_NKEY_SEED_FILE (required when NODE_ENV=production).
 */
export function gatewayConfigFromEnv(env: Readonly<Record<string, string | undefined>>): GatewayConfig {
  const parsed = environment.safeParse(env);
  if (!parsed.success) throw new Error(`invalid gateway environment:\n${z.prettifyError(parsed.error)}`);
  const { DATABASE_URL, NATS_URL, PORT, HOST, GATEWAY_SCHEMA, TRUST_PROXY, REQUEST_TIMEOUT_MS } = parsed.data;
  const natsSeed = natsSeedFromEnv(env);
  return {
    databaseUrl: DATABASE_URL,
    natsUrl: NATS_URL,
    ...(natsSeed !== undefined && { natsSeed }),
    port: PORT,
    ...(HOST ? { host: HOST } : {}),
    ...(REQUEST_TIMEOUT_MS ? { requestTimeoutMs: REQUEST_TIMEOUT_MS } : {}),
    ...(GATEWAY_SCHEMA ? { schema: GATEWAY_SCHEMA } : {}),
    ...(TRUST_PROXY ? { trustProxy: trustProxyOf(TRUST_PROXY) } : {}),
    auth: authOptionsFromEnv(env),
  };
}
