import { z } from 'zod';
import type { ServiceName } from '@elan/contracts';
import { natsSeedFromEnv } from '@elan/messaging';

/** What every service needs from its surroundings; each service adds its own fields. */
export interface ServiceConfig {
  /** PostgreSQL database holding the service's schema. */
  readonly databaseUrl: string;
  /** NATS server (JetStream enabled): requests in, integration events out. */
  readonly natsUrl: string;
  /** The service's NATS user seed (`SU…`); absent only on an open server (tests). */
  readonly natsSeed?: string;
  /** The service's own PostgreSQL schema. */
  readonly schema: string;
  /** Connections of the service's pool (`DEFAULT_POOL_SIZE` unless given). */
  readonly poolSize?: number;
  /** On shutdown, how long requests already running get to answer (2 s unless given; tests pass 0). */
  readonly shutdownGraceMs?: number;
}

type Env = Readonly<Record<string, string | undefined>>;

const isUrl = (value: string): boolean => URL.canParse(value);

/** The variables of `ServiceConfig`, for `<SERVICE>` = the service's name in capitals. */
const commonEnvironment = (service: string) =>
  z.object({
    DATABASE_URL: z.string().refine(isUrl, 'must be a URL such as postgres://user:password@host:5432/elan'),
    NATS_URL: z.string().refine(isUrl, 'must be a URL such as nats://host:4222'),
    [`${service.toUpperCase()}_SCHEMA`]: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier')
      .default(service),
    [`${service.toUpperCase()}_POOL_SIZE`]: z.coerce.number().int().min(2).max(100).optional(),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  });

/**
 * A service's configuration from the environment, validated in one place: DATABASE_URL,
 * NATS_URL, `<SERVICE>_SCHEMA` (the service's name), `<SERVICE>_POOL_SIZE`, SHUTDOWN_GRACE_MS,
 * NATS_NKEY_SEED or NATS_NKEY_SEED_FILE (required when NODE_ENV=production), plus the service's
 * own `fields`. A bad value stops the start with a message naming it, not mid-request.
 */
export function serviceConfigFromEnv<Fields extends z.ZodRawShape>(
  service: ServiceName,
  env: Env,
  fields: Fields,
): ServiceConfig & { readonly own: z.infer<z.ZodObject<Fields>> } {
  const parsed = commonEnvironment(service).extend(fields).safeParse(env);
  if (!parsed.success) throw new Error(`invalid ${service} service environment:\n${z.prettifyError(parsed.error)}`);
  const values = parsed.data as Record<string, unknown>;
  const poolSize = values[`${service.toUpperCase()}_POOL_SIZE`] as number | undefined;
  const shutdownGraceMs = values.SHUTDOWN_GRACE_MS as number | undefined;
  const natsSeed = natsSeedFromEnv(env);
  return {
    databaseUrl: values.DATABASE_URL as string,
    natsUrl: values.NATS_URL as string,
    ...(natsSeed !== undefined && { natsSeed }),
    schema: values[`${service.toUpperCase()}_SCHEMA`] as string,
    ...(poolSize !== undefined && { poolSize }),
    ...(shutdownGraceMs !== undefined && { shutdownGraceMs }),
    own: parsed.data as z.infer<z.ZodObject<Fields>>,
  };
}
