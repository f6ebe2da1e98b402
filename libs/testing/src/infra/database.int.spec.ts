import { createDatabaseIfAbsent, createTestDatabase, dropTestDatabase } from './database';
import { probePostgres, withClient } from './postgres';

const adminUrl = (): string => {
  const url = process.env.ELAN_TEST_ADMIN_URL;
  if (!url) throw new Error('ELAN_TEST_ADMIN_URL is not set: run the tests through Jest');
  return url;
};

const databaseExists = (name: string): Promise<boolean> =>
  withClient(adminUrl(), async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    return found.rowCount === 1;
  });

describe('test databases', () => {
  it('are created under a name of their own, usable, and dropped even while connected', async () => {
    const database = await createTestDatabase(adminUrl());
    expect(database.name).toMatch(new RegExp(`^elan_test_${process.pid}_[0-9a-f]{8}$`));
    expect(await probePostgres(database.url, 2_000)).toEqual({ ok: true });

    await withClient(database.url, async () => {
      await dropTestDatabase(adminUrl(), database.name);
    });
    expect(await databaseExists(database.name)).toBe(false);
  });

  it('are created only once by createDatabaseIfAbsent, even by racing callers', async () => {
    const name = `elan_test_once_${process.pid}`;
    try {
      const urls = await Promise.all([1, 2, 3].map(() => createDatabaseIfAbsent(adminUrl(), name)));
      expect(new Set(urls).size).toBe(1);
      expect(await probePostgres(urls[0] ?? '', 2_000)).toEqual({ ok: true });
    } finally {
      await dropTestDatabase(adminUrl(), name);
    }
  });
});
