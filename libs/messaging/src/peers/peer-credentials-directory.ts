import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderNatsAuthorization, type PeerPublicKey } from './nats-authorization';
import { createPeerCredentials, publicKeyOfSeed } from './nats-credentials';
import { NATS_PEERS, type NatsPeer } from './nats-peers';

/** The server's include, beside the seeds: `include ./nats-authorization.conf`. */
export const AUTHORIZATION_FILE = 'nats-authorization.conf';
/** The seed file a peer's process reads (`NATS_NKEY_SEED_FILE`). */
export const seedFileOf = (peer: NatsPeer): string => `${peer}.nkey`;
/** A peer's seed before its last rotation: still let in until `dropPrevious`. */
const previousSeedFileOf = (peer: NatsPeer): string => `${peer}.previous.nkey`;

export interface CredentialsDirectoryOptions {
  /** Peers that get a new key; their current one stays valid as the previous key. */
  readonly rotate?: readonly NatsPeer[];
  /** Forget every previous key: once each rotated service runs on its new one. */
  readonly dropPrevious?: boolean;
}

/** What a run did, per peer, in words for a terminal (never a seed). */
export type CredentialsReport = Record<NatsPeer, 'created' | 'kept' | 'rotated'>;

/**
 * Keeps a directory of NATS credentials, for docker-compose secrets or Kubernetes Secrets: one
 * seed file per peer (mode 0600) and the server's authorization include, rendered from them.
 * Existing seeds are kept, so running it again changes nothing; missing ones are created.
 * Rotation without downtime: `rotate` makes a new key while the previous one stays in the
 * include; once the service runs on the new one, `dropPrevious` removes the old key.
 */
export async function updateCredentialsDirectory(
  dir: string,
  options: CredentialsDirectoryOptions = {},
): Promise<CredentialsReport> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const report = {} as CredentialsReport;
  const keys: PeerPublicKey[] = [];
  for (const peer of NATS_PEERS) {
    let seed = await readSeed(join(dir, seedFileOf(peer)));
    report[peer] = seed ? 'kept' : 'created';
    if (seed && options.rotate?.includes(peer)) {
      await writeSecret(join(dir, previousSeedFileOf(peer)), seed);
      seed = undefined;
      report[peer] = 'rotated';
    }
    if (!seed) {
      const [fresh] = createPeerCredentials([peer]);
      if (!fresh) throw new Error(`no key was made for ${peer}`);
      seed = fresh.seed;
      await writeSecret(join(dir, seedFileOf(peer)), seed);
    }
    keys.push({ peer, publicKey: publicKeyOfSeed(seed) });
    const previousFile = join(dir, previousSeedFileOf(peer));
    if (options.dropPrevious) await rm(previousFile, { force: true });
    const previous = await readSeed(previousFile);
    if (previous) keys.push({ peer, publicKey: publicKeyOfSeed(previous) });
  }
  await writeSecret(join(dir, AUTHORIZATION_FILE), renderNatsAuthorization(keys));
  return report;
}

const readSeed = async (file: string): Promise<string | undefined> => {
  try {
    return (await readFile(file, 'utf8')).trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/** 0600 also when the file existed with a wider mode. */
const writeSecret = async (file: string, content: string): Promise<void> => {
  await writeFile(file, content.endsWith('\n') ? content : `${content}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
};
