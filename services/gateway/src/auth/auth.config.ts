import { z } from 'zod';
import { passwordWeakness } from '../accounts/password-strength';

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
  /**
   * HS256 key signing access tokens, shared by every replica (≥ 32 bytes). Without it, a random
   * key generated once and kept in the gateway's schema (never outside development).
   */
  readonly secret?: string;
  /** Keys of earlier access tokens, accepted for verification only while rotating (≥ 32 bytes each). */
  readonly previousSecrets?: readonly string[];
  /** Lifetime of an access token in seconds: 900 (15 minutes). */
  readonly accessTokenTtlSeconds?: number;
  /**
   * Login attempts per client address and e-mail, login attempts per client address whatever
   * the e-mail, registrations per client address.
   */
  readonly rateLimits?: {
    readonly login?: RateLimit;
    readonly loginPerAddress?: RateLimit;
    readonly register?: RateLimit;
  };
  readonly firstAdmin?: FirstAdmin;
}

export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const DEFAULT_RATE_LIMITS: Readonly<Record<'login' | 'loginPerAddress' | 'register', RateLimit>> = {
  login: { limit: 10, windowMs: 60_000 },
  // One address trying many accounts (credential stuffing); generous enough for a shared NAT.
  loginPerAddress: { limit: 30, windowMs: 60_000 },
  register: { limit: 5, windowMs: 60_000 },
};
/** In bytes (UTF-8): HS256 needs a key at least as long as its 256-bit output. */
export const MIN_SECRET_BYTES = 32;

const isLongEnough = (secret: string): boolean => Buffer.byteLength(secret, 'utf8') >= MIN_SECRET_BYTES;
const SECRET_TOO_SHORT = `must have at least ${MIN_SECRET_BYTES} bytes (e.g. openssl rand -base64 48)`;

/** Previous keys as listed in the environment: separated by commas or white space. */
const secretList = (value: string): string[] => value.split(/[\s,]+/).filter((secret) => secret.length > 0);

/**
 * Refuses signing keys shorter than 32 bytes, wherever the options come from: the environment
 * goes through here, and so does the explicit configuration given to `createGateway`.
 */
export function assertSigningSecrets(options: AuthOptions | undefined): void {
  if (options?.secret !== undefined && !isLongEnough(options.secret))
    throw new Error(`the access-token secret ${SECRET_TOO_SHORT}`);
  if (options?.previousSecrets?.some((secret) => !isLongEnough(secret)))
    throw new Error(`every previous access-token secret ${SECRET_TOO_SHORT}`);
}

const perMinute = (limit: number | undefined): RateLimit | undefined =>
  limit === undefined ? undefined : { limit, windowMs: 60_000 };

const environment = z
  .object({
    NODE_ENV: z.string().optional(),
    AUTH_SECRET: z.string().refine(isLongEnough, SECRET_TOO_SHORT).optional(),
    AUTH_PREVIOUS_SECRETS: z
      .string()
      .transform(secretList)
      .refine((secrets) => secrets.every(isLongEnough), `each ${SECRET_TOO_SHORT}`)
      .optional(),
    AUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).optional(),
    AUTH_LOGIN_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).optional(),
    AUTH_LOGIN_LIMIT_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).optional(),
    AUTH_REGISTER_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).optional(),
    ELAN_ADMIN_EMAIL: z.email().optional(),
    ELAN_ADMIN_PASSWORD: z.string().min(12).max(200).optional(),
    ELAN_ADMIN_NAME: z.string().trim().min(1).max(100).optional(),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.AUTH_SECRET !== undefined, {
    path: ['AUTH_SECRET'],
    message: `AUTH_SECRET is required when NODE_ENV=production (at least ${MIN_SECRET_BYTES} random bytes, the same on every replica)`,
  })
  .refine((env) => env.ELAN_ADMIN_PASSWORD === undefined || env.ELAN_ADMIN_EMAIL !== undefined, {
    path: ['ELAN_ADMIN_EMAIL'],
    message: 'ELAN_ADMIN_EMAIL is required with ELAN_ADMIN_PASSWORD',
  })
  .superRefine((env, context) => {
    if (env.ELAN_ADMIN_PASSWORD === undefined) return;
    const weakness = passwordWeakness(env.ELAN_ADMIN_PASSWORD, { email: env.ELAN_ADMIN_EMAIL, displayName: env.ELAN_ADMIN_NAME });
    if (weakness !== undefined) context.addIssue({ code: 'custom', path: ['ELAN_ADMIN_PASSWORD'], message: weakness });
  });

/** `AuthOptions` from the environment; throws a readable error when it is wrong. */
export function authOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): AuthOptions {
  const parsed = environment.safeParse(env);
  if (!parsed.success) throw new Error(`invalid authentication environment:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const login = perMinute(e.AUTH_LOGIN_LIMIT_PER_MINUTE);
  const loginPerAddress = perMinute(e.AUTH_LOGIN_LIMIT_PER_ADDRESS_PER_MINUTE);
  const register = perMinute(e.AUTH_REGISTER_LIMIT_PER_MINUTE);
  return {
    ...(e.AUTH_SECRET ? { secret: e.AUTH_SECRET } : {}),
    ...(e.AUTH_PREVIOUS_SECRETS?.length ? { previousSecrets: e.AUTH_PREVIOUS_SECRETS } : {}),
    ...(e.AUTH_TOKEN_TTL_SECONDS ? { accessTokenTtlSeconds: e.AUTH_TOKEN_TTL_SECONDS } : {}),
    rateLimits: {
      ...(login ? { login } : {}),
      ...(loginPerAddress ? { loginPerAddress } : {}),
      ...(register ? { register } : {}),
    },
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
