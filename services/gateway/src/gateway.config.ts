import { z } from 'zod';

/** Everything the gateway needs from its surroundings, passed explicitly (no env reads inside). */
export interface GatewayConfig {
  /** PostgreSQL of the gateway's database. */
  readonly databaseUrl: string;
  /** NATS server (JetStream enabled) carrying commands and events. */
  readonly natsUrl: string;
  /** HTTP port; 0 lets the system pick one. */
  readonly port: number;
  /** Interface to listen on; every interface when absent. */
  readonly host?: string;
}

/** Injection token of the `GatewayConfig`. */
export const GATEWAY_CONFIG = Symbol('GatewayConfig');

const isUrl = (value: string): boolean => URL.canParse(value);

const environment = z.object({
  DATABASE_URL: z.string().refine(isUrl, 'must be a URL such as postgres://user:password@host:5432/elan'),
  NATS_URL: z.string().refine(isUrl, 'must be a URL such as nats://host:4222'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).optional(),
});

/** The configuration of a gateway started on its own (`main.ts`), from the environment. */
export function gatewayConfigFromEnv(env: Readonly<Record<string, string | undefined>>): GatewayConfig {
  const parsed = environment.safeParse(env);
  if (!parsed.success) throw new Error(`invalid gateway environment:\n${z.prettifyError(parsed.error)}`);
  const { DATABASE_URL, NATS_URL, PORT, HOST } = parsed.data;
  return { databaseUrl: DATABASE_URL, natsUrl: NATS_URL, port: PORT, ...(HOST ? { host: HOST } : {}) };
}
