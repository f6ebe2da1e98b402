import { createHmac } from 'node:crypto';
import { z } from 'zod';

/** At most `limit` requests per `windowMs` for one caller. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** The first admin account, created or promoted at every start-up (idempotent). */
export interface FirstAdmin {
  readonly email: string;
  /** Needed only to create the account; an existing account is promoted as it is. */
  readonly password?: string;
  readonly displayName?: string;
}

/** Accounts and access tokens. Every field has a default, except the secret in production. */
export interface AuthOptions {
  /** HS256 key of the access tokens, shared by every replica (≥ 32 characters). */
  readonly secret?: string;
  /** Lifetime of an access token in seconds: 900 (15 minutes). */
  readonly accessTokenTtlSeconds?: number;
  /** Login attempts per client address and e-mail; registrations per client address. */
  readonly rateLimits?: { readonly login?: RateLimit; readonly register?: RateLimit };
  readonly firstAdmin?: FirstAdmin;
}

export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const DEFAULT_RATE_LIMITS: Readonly<Record<'login' | 'register', RateLimit>> = {
  login: { limit: 10, windowMs: 60_000 },
  register: { limit: 5, windowMs: 60_000 },
};
export const MIN_SECRET_LENGTH = 32;

/**
 * The key when none is configured, outside production. Not random: replicas (and restarts) must
 * accept each other's tokens. Derived from the database URL, so two local stacks on different
 * databases do not, and it is no easier to guess than the database's credentials.
 */
export function developmentSecret(databaseUrl: string): string {
  return createHmac('sha256', 'elan-development-auth-secret').update(databaseUrl).digest('base64url');
}

const perMinute = (limit: number | undefined): RateLimit | undefined =>
  limit === undefined ? undefined : { limit, windowMs: 60_000 };

const environment = z
  .object({
    NODE_ENV: z.string().optional(),
    AUTH_SECRET: z.string().min(MIN_SECRET_LENGTH).optional(),
    AUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).optional(),
    AUTH_LOGIN_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).optional(),
    AUTH_REGISTER_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).optional(),
    ELAN_ADMIN_EMAIL: z.email().optional(),
    ELAN_ADMIN_PASSWORD: z.string().min(12).max(200).optional(),
    ELAN_ADMIN_NAME: z.string().trim().min(1).max(100).optional(),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.AUTH_SECRET !== undefined, {
    path: ['AUTH_SECRET'],
    message: `AUTH_SECRET is required when NODE_ENV=production (at least ${MIN_SECRET_LENGTH} random characters, the same on every replica)`,
  })
  .refine((env) => env.ELAN_ADMIN_PASSWORD === undefined || env.ELAN_ADMIN_EMAIL !== undefined, {
    path: ['ELAN_ADMIN_EMAIL'],
    message: 'ELAN_ADMIN_EMAIL is required with ELAN_ADMIN_PASSWORD',
  });

/** `AuthOptions` from the environment; throws a readable error when it is wrong. */
export function authOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): AuthOptions {
  const parsed = environment.safeParse(env);
  if (!parsed.success) throw new Error(`invalid authentication environment:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const login = perMinute(e.AUTH_LOGIN_LIMIT_PER_MINUTE);
  const register = perMinute(e.AUTH_REGISTER_LIMIT_PER_MINUTE);
  return {
    ...(e.AUTH_SECRET ? { secret: e.AUTH_SECRET } : {}),
    ...(e.AUTH_TOKEN_TTL_SECONDS ? { accessTokenTtlSeconds: e.AUTH_TOKEN_TTL_SECONDS } : {}),
    rateLimits: { ...(login ? { login } : {}), ...(register ? { register } : {}) },
    ...(e.ELAN_ADMIN_EMAIL
      ? {
          firstAdmin: {
            email: e.ELAN_ADMIN_EMAIL,
            ...(e.ELAN_ADMIN_PASSWORD ? { password: e.ELAN_ADMIN_PASSWORD } : {}),
            ...(e.ELAN_ADMIN_NAME ? { displayName: e.ELAN_ADMIN_NAME } : {}),
          },
        }
      : {}),
  };
}
