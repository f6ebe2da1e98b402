import type { Pool } from 'pg';
import type { SignedCheckpoint } from './checkpoint';
import { CheckpointIssuer, DEFAULT_CHECKPOINT_INTERVAL_MS } from './checkpoint-issuer';
import { CheckpointLog } from './checkpoint-log';
import { TransparencyQueries } from './transparency-queries';
import { DEVELOPMENT_KEY_FILE, signerOf, type TransparencyConfig } from './transparency.config';

export interface MoneyLogOptions {
  readonly pool: Pool;
  readonly schema: string;
  readonly log: string;
  readonly prefixes: readonly string[];
  readonly config: TransparencyConfig;
  readonly onIssued?: (checkpoint: SignedCheckpoint) => void;
  readonly onError?: (error: unknown) => void;
  /** Told once when no key is configured and the development key signs instead. */
  readonly onDevelopmentKey?: (file: string) => void;
  /** Where the development key is kept (the repository's tmp/infra unless given). */
  readonly developmentKeyFile?: string;
}

/** A money service's transparency: its log, the issuer to run as a worker, the queries to answer. */
export interface MoneyLog {
  readonly log: CheckpointLog;
  readonly issuer: CheckpointIssuer;
  readonly queries: TransparencyQueries;
  readonly worker: { readonly name: string; start(): void; stop(): Promise<void> };
}

/** Wires a money service's checkpoint log; nothing starts until the worker does. */
export async function composeMoneyLog(options: MoneyLogOptions): Promise<MoneyLog> {
  const signer = await signerOf(options.config, options.developmentKeyFile);
  if (options.config.signingKey === undefined) options.onDevelopmentKey?.(options.developmentKeyFile ?? DEVELOPMENT_KEY_FILE);
  const log = new CheckpointLog({
    pool: options.pool,
    schema: options.schema,
    log: options.log,
    prefixes: options.prefixes,
    signer,
  });
  const issuer = new CheckpointIssuer({
    log,
    intervalMs: options.config.intervalMs,
    ...(options.onIssued && { onIssued: options.onIssued }),
    ...(options.onError && { onError: options.onError }),
  });
  return {
    log,
    issuer,
    queries: new TransparencyQueries(log, options.pool, options.schema),
    worker: { name: `the ${options.log} checkpoint issuer`, start: () => issuer.start(), stop: () => issuer.stop() },
  };
}

/** What a service logs its checkpoints through (Nest's `Logger` fits). */
export interface MoneyLogLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * A money service's checkpoint log as every service wires it: its configuration or an hourly
 * checkpoint signed by the development key, and each checkpoint, failure and the development key
 * told to its logger in the same words.
 */
export function composeServiceMoneyLog(
  options: Omit<MoneyLogOptions, 'config' | 'onIssued' | 'onError' | 'onDevelopmentKey'> & {
    readonly config: TransparencyConfig | undefined;
    readonly logger: MoneyLogLogger;
  },
): Promise<MoneyLog> {
  const { logger, config, ...rest } = options;
  return composeMoneyLog({
    ...rest,
    config: config ?? { intervalMs: DEFAULT_CHECKPOINT_INTERVAL_MS },
    onIssued: ({ checkpoint }) =>
      logger.log(`checkpoint ${checkpoint.sequence} of ${checkpoint.log} signed: ${checkpoint.heads.length} streams`),
    onError: (error) =>
      logger.error(`the checkpoint issuer failed and will retry: ${error instanceof Error ? error.message : String(error)}`),
    onDevelopmentKey: (file) =>
      logger.warn(`TRANSPARENCY_SIGNING_KEY is not set: checkpoints are signed with the development key in ${file}`),
  });
}
