import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DEFAULT_CHECKPOINT_INTERVAL_MS } from './checkpoint-issuer';
import { CheckpointKeyError, SIGNING_KEY_VARIABLE, generateCheckpointKeys, loadSigningKey, type CheckpointSigner } from './keys';

/** The variable of the time between two checkpoints, in milliseconds. */
export const INTERVAL_VARIABLE = 'TRANSPARENCY_INTERVAL_MS';

/** The shortest interval accepted: tests issue every few hundred ms, nobody needs less. */
const MIN_INTERVAL_MS = 100;
/** A week: checkpoints further apart than that would leave verifiers little to keep. */
const MAX_INTERVAL_MS = 7 * 24 * 3_600_000;

/**
 * Where a development key is kept when TRANSPARENCY_SIGNING_KEY is not set: under the
 * repository's gitignored `tmp/infra`, beside the other development state (`npm start`'s
 * embedded PostgreSQL password, the Stripe emulator's state), so checkpoints signed before a
 * restart still verify after it.
 */
export const DEVELOPMENT_KEY_FILE = resolve(__dirname, '..', '..', '..', 'tmp', 'infra', 'transparency-signing.key');

/** What a money service needs to issue checkpoints. */
export interface TransparencyConfig {
  /** TRANSPARENCY_SIGNING_KEY as given (checked); absent outside production: the development key. */
  readonly signingKey?: string;
  readonly intervalMs: number;
}

/**
 * TRANSPARENCY_SIGNING_KEY (required when NODE_ENV=production, checked here so a bad key stops
 * the start) and TRANSPARENCY_INTERVAL_MS (1 h by default).
 */
export function transparencyConfigFromEnv(env: Readonly<Record<string, string | undefined>>): TransparencyConfig {
  const key = env[SIGNING_KEY_VARIABLE];
  const given = key !== undefined && key.trim() !== '';
  if (!given && env.NODE_ENV === 'production')
    throw new CheckpointKeyError(
      `${SIGNING_KEY_VARIABLE} is required when NODE_ENV=production: the Ed25519 key (PKCS#8) that signs checkpoints`,
    );
  if (given) loadSigningKey(key);
  const text = env[INTERVAL_VARIABLE]?.trim();
  let intervalMs = DEFAULT_CHECKPOINT_INTERVAL_MS;
  if (text !== undefined && text !== '') {
    intervalMs = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
    if (!(intervalMs >= MIN_INTERVAL_MS && intervalMs <= MAX_INTERVAL_MS))
      throw new RangeError(`${INTERVAL_VARIABLE} must be a whole number of ms from ${MIN_INTERVAL_MS} to ${MAX_INTERVAL_MS}`);
  }
  return { ...(given && { signingKey: key }), intervalMs };
}

/** The signer of the configuration: its key, or the development key kept in `file`. */
export const signerOf = (config: TransparencyConfig, file = DEVELOPMENT_KEY_FILE): Promise<CheckpointSigner> =>
  config.signingKey !== undefined ? Promise.resolve(loadSigningKey(config.signingKey)) : developmentSigningKey(file);

/**
 * The development key: read from `file`, or made once and written there (mode 0600). Two
 * services starting together agree: the file appears whole (written aside, then renamed only
 * if none is there yet), and the loser reads the winner's.
 */
export async function developmentSigningKey(file = DEVELOPMENT_KEY_FILE): Promise<CheckpointSigner> {
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing !== undefined && existing.trim() !== '') return loadSigningKey(existing, file);
  // The directory as the other development state makes it (the embedded PostgreSQL's runs as
  // another user and must reach its data under it); the key file alone is private.
  await mkdir(dirname(file), { recursive: true });
  const aside = `${file}.${randomUUID()}`;
  await writeFile(aside, generateCheckpointKeys().privateKeyPem, { mode: 0o600, flag: 'wx' });
  try {
    // link() fails when the file exists: the first writer's key stays.
    await link(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(aside).catch(() => undefined);
  }
  return loadSigningKey(await readFile(file, 'utf8'), file);
}
