import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { msUntilDue } from './checkpoint-issuer';
import { generateCheckpointKeys } from './keys';
import { developmentSigningKey, signerOf, transparencyConfigFromEnv } from './transparency.config';

describe('the transparency configuration', () => {
  const keys = generateCheckpointKeys();

  it('takes the signing key and the interval from the environment, an hour by default', () => {
    expect(transparencyConfigFromEnv({})).toEqual({ intervalMs: 3_600_000 });
    expect(
      transparencyConfigFromEnv({ TRANSPARENCY_SIGNING_KEY: keys.privateKeyBase64, TRANSPARENCY_INTERVAL_MS: '500' }),
    ).toEqual({
      signingKey: keys.privateKeyBase64,
      intervalMs: 500,
    });
  });

  it('requires the key in production, and refuses a bad key or interval naming the variable only', () => {
    expect(() => transparencyConfigFromEnv({ NODE_ENV: 'production' })).toThrow(
      'TRANSPARENCY_SIGNING_KEY is required when NODE_ENV=production',
    );
    expect(() => transparencyConfigFromEnv({ TRANSPARENCY_SIGNING_KEY: keys.publicKeyPem })).toThrow(
      'TRANSPARENCY_SIGNING_KEY holds a public key',
    );
    for (const interval of ['0', '99', '1e6', '-5', 'hourly', String(8 * 24 * 3_600_000)])
      expect(() => transparencyConfigFromEnv({ TRANSPARENCY_INTERVAL_MS: interval })).toThrow('TRANSPARENCY_INTERVAL_MS must be');
  });
});

describe('the development key', () => {
  const keys = generateCheckpointKeys();
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elan-transparency-key-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is made once, kept with mode 0600, and the same after a restart', async () => {
    const file = join(dir, 'infra', 'transparency-signing.key');
    const first = await developmentSigningKey(file);
    const again = await developmentSigningKey(file);
    expect(again.keyId).toBe(first.keyId);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // Only the file is private: tmp/infra also holds what other users (embedded PostgreSQL) reach.
    expect((await stat(join(dir, 'infra'))).mode & 0o055).toBe(0o055 & ~process.umask());
    expect(await readFile(file, 'utf8')).toContain('-----BEGIN PRIVATE KEY-----');
  });

  it('is the same for services starting at the same moment', async () => {
    const file = join(dir, 'transparency-signing.key');
    const signers = await Promise.all(Array.from({ length: 8 }, () => developmentSigningKey(file)));
    expect(new Set(signers.map((signer) => signer.keyId)).size).toBe(1);
  });

  it('is not used when the environment gives a key', async () => {
    const file = join(dir, 'transparency-signing.key');
    await writeFile(file, generateCheckpointKeys().privateKeyPem);
    expect((await signerOf({ signingKey: keys.privateKeyPem, intervalMs: 1_000 }, file)).keyId).toBe(keys.keyId);
    expect((await signerOf({ intervalMs: 1_000 }, file)).keyId).not.toBe(keys.keyId);
  });
});

describe('when the next checkpoint is due', () => {
  const now = new Date('2026-12-02T10:30:00.000Z');
  it('is now without a checkpoint, or once the latest is an interval old', () => {
    expect(msUntilDue(undefined, now, 3_600_000)).toBe(0);
    expect(msUntilDue('2026-12-02T09:00:00.000Z', now, 3_600_000)).toBe(0);
    expect(msUntilDue('2026-12-02T10:00:00.000Z', now, 3_600_000)).toBe(1_800_000);
    expect(msUntilDue('2026-12-02T10:29:59.999Z', now, 1_000)).toBe(999);
    // A latest checkpoint from a clock ahead of ours: at most an interval away.
    expect(msUntilDue('2026-12-02T11:30:00.000Z', now, 60_000)).toBe(60_000);
  });
});
