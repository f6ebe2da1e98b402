import { mkdtemp, readFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicKeyOfSeed } from './nats-credentials';
import { AUTHORIZATION_FILE, updateCredentialsDirectory } from './peer-credentials-directory';

const seedIn = async (dir: string, file: string): Promise<string> => (await readFile(join(dir, file), 'utf8')).trim();

describe('the credentials directory of npm run nats:credentials', () => {
  it('writes one 0600 seed per process and an include with their public keys, and keeps them on a second run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'elan-nats-credentials-'));
    expect(await updateCredentialsDirectory(dir)).toEqual({
      gateway: 'created',
      campaign: 'created',
      pledge: 'created',
      tipping: 'created',
      payout: 'created',
      notification: 'created',
    });
    expect((await readdir(dir)).sort()).toEqual(
      [
        'campaign.nkey',
        AUTHORIZATION_FILE,
        'gateway.nkey',
        'notification.nkey',
        'payout.nkey',
        'pledge.nkey',
        'tipping.nkey',
      ].sort(),
    );
    for (const file of await readdir(dir)) expect([file, (await stat(join(dir, file))).mode & 0o777]).toEqual([file, 0o600]);
    const include = await readFile(join(dir, AUTHORIZATION_FILE), 'utf8');
    const gatewaySeed = await seedIn(dir, 'gateway.nkey');
    expect(include).toContain(publicKeyOfSeed(gatewaySeed));
    expect(include).not.toContain(gatewaySeed);

    expect(await updateCredentialsDirectory(dir)).toEqual({
      gateway: 'kept',
      campaign: 'kept',
      pledge: 'kept',
      tipping: 'kept',
      payout: 'kept',
      notification: 'kept',
    });
    expect(await seedIn(dir, 'gateway.nkey')).toBe(gatewaySeed);
  });

  it('rotates a key in two steps: both keys let in, then only the new one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'elan-nats-credentials-'));
    await updateCredentialsDirectory(dir);
    const oldKey = publicKeyOfSeed(await seedIn(dir, 'campaign.nkey'));

    expect(await updateCredentialsDirectory(dir, { rotate: ['campaign'] })).toEqual({
      gateway: 'kept',
      campaign: 'rotated',
      pledge: 'kept',
      tipping: 'kept',
      payout: 'kept',
      notification: 'kept',
    });
    const newKey = publicKeyOfSeed(await seedIn(dir, 'campaign.nkey'));
    expect(newKey).not.toBe(oldKey);
    const during = await readFile(join(dir, AUTHORIZATION_FILE), 'utf8');
    expect([during.includes(oldKey), during.includes(newKey)]).toEqual([true, true]);

    await updateCredentialsDirectory(dir, { dropPrevious: true });
    const after = await readFile(join(dir, AUTHORIZATION_FILE), 'utf8');
    expect([after.includes(oldKey), after.includes(newKey)]).toEqual([false, true]);
    expect(await readdir(dir)).not.toContain('campaign.previous.nkey');
  });
});
