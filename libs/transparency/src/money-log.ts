import type { Pool } from 'pg';
import type { SignedCheckpoint } from './checkpoint';
import { CheckpointIssuer } from './checkpoint-issuer';
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
