import { runMigrations } from '@elan/event-store';
import { manualClock, openTestSchema, waitUntil, type ManualClock, type TestSchema } from '@elan/testing';
import { ERASED, PersonalDataVault, PostgresKeyStore, SubjectErasedError, parseSealedText, personalDataMigrations } from '../src';

const NAME = 'contributor.name';

describe('the PostgreSQL key store', () => {
  let db: TestSchema;
  let clock: ManualClock;
  const storeOn = (cacheTtlMs = 30_000): PostgresKeyStore =>
    new PostgresKeyStore(db.pool, { schema: db.schema, clock, cacheTtlMs });
  const keyRows = async (subjectId: string): Promise<number> =>
    (await db.pool.query(`SELECT 1 FROM ${db.schema}.personal_data_keys WHERE subject_id = $1`, [subjectId])).rowCount ?? 0;

  beforeAll(async () => {
    db = await openTestSchema({ prefix: 'pdkeys', poolSize: 12 });
    clock = manualClock(new Date('2026-12-02T10:00:00.000Z'));
    await runMigrations(db.pool, db.schema, [personalDataMigrations]);
  });
  afterAll(() => db.dispose());

  it('makes one key per person on first use, however many replicas seal for them at once', async () => {
    const replicas = [storeOn(), storeOn(), storeOn()].map((keys) => new PersonalDataVault(keys));
    const sealed = await Promise.all(
      Array.from({ length: 12 }, (_, i) => replicas[i % 3]?.seal('guest-first', NAME, `name ${i}`) ?? Promise.reject()),
    );
    expect(await keyRows('guest-first')).toBe(1);
    expect(new Set(sealed.map((value) => parseSealedText(value).keyVersion))).toEqual(new Set([1]));
    const reader = new PersonalDataVault(storeOn());
    expect(await Promise.all(sealed.map((value) => reader.open(value, { field: NAME })))).toEqual(
      Array.from({ length: 12 }, (_, i) => `name ${i}`),
    );
  });

  it('caches a key briefly: another replica sees an erasure once its cache expires, this one at once', async () => {
    const [mine, theirs] = [new PersonalDataVault(storeOn(5_000)), new PersonalDataVault(storeOn(5_000))];
    const sealed = await mine.seal('guest-cached', NAME, 'Camille');
    expect(await theirs.open(sealed, { field: NAME })).toBe('Camille');

    await mine.erase('guest-cached');
    expect(await mine.open(sealed, { field: NAME })).toBe(ERASED);
    expect(await theirs.open(sealed, { field: NAME })).toBe('Camille');
    clock.advance(5_000);
    expect(await theirs.open(sealed, { field: NAME })).toBe(ERASED);
  });

  it('records an erasure once, with its time and no personal data, and never makes a key again for that person', async () => {
    const vault = new PersonalDataVault(storeOn());
    await vault.seal('guest-gone', NAME, 'Camille');
    const first = await vault.erase('guest-gone');
    clock.advance(60_000);
    expect(await vault.erase('guest-gone')).toEqual(first);
    expect(first.erasedAt).toEqual(new Date('2026-12-02T10:00:05.000Z'));
    await expect(vault.seal('guest-gone', NAME, 'Camille')).rejects.toBeInstanceOf(SubjectErasedError);
    await expect(new PersonalDataVault(storeOn()).seal('guest-gone', NAME, 'Camille')).rejects.toBeInstanceOf(SubjectErasedError);
    expect(await keyRows('guest-gone')).toBe(0);
  });

  it('leaves no key behind when an erasure comes while a first seal is making the key', async () => {
    // Stage the race: a first seal has found no erasure and is inserting the key (held back by
    // an uncommitted row of the same key); the erasure arrives at that moment.
    const blocker = await db.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`INSERT INTO ${db.schema}.personal_data_keys VALUES ('guest-race', 1, $1, now())`, [Buffer.alloc(32)]);
      const sealing = new PersonalDataVault(storeOn()).seal('guest-race', NAME, 'x').then(
        () => 'sealed',
        (error: unknown) => (error instanceof SubjectErasedError ? 'refused' : Promise.reject(error)),
      );
      await waitUntil(
        async () =>
          (
            await db.pool.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO ${db.schema}.personal_data_keys%'`,
            )
          ).rowCount,
        { timeoutMs: 5_000, intervalMs: 5, description: 'the seal waits on its key insert' },
      );
      const erasing = new PersonalDataVault(storeOn()).erase('guest-race');
      await waitUntil(
        async () =>
          (
            await db.pool.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
            )
          ).rowCount,
        { timeoutMs: 5_000, intervalMs: 5, description: 'the erasure queues behind the seal on the person’s lock' },
      );
      await blocker.query('ROLLBACK');
      expect(await sealing).toBe('sealed');
      await erasing;
    } finally {
      blocker.release();
    }
    expect(await keyRows('guest-race')).toBe(0);
  });

  it('rotates: new values take the next version, old ones keep opening, erasure removes every version', async () => {
    const keys = storeOn();
    const vault = new PersonalDataVault(keys);
    const old = await vault.seal('account-rotated', NAME, 'Dominique');
    expect((await keys.rotate('account-rotated')).version).toBe(2);
    const renewed = await vault.seal('account-rotated', NAME, 'Dominique A.');
    expect(parseSealedText(renewed).keyVersion).toBe(2);
    const reader = new PersonalDataVault(storeOn());
    expect([await reader.open(old, { field: NAME }), await reader.open(renewed, { field: NAME })]).toEqual([
      'Dominique',
      'Dominique A.',
    ]);
    await vault.erase('account-rotated');
    expect(await keyRows('account-rotated')).toBe(0);
    expect([await vault.open(old, { field: NAME }), await vault.open(renewed, { field: NAME })]).toEqual([ERASED, ERASED]);
  });

  it('re-applies erasures after a backup from before them is restored', async () => {
    const keys = storeOn();
    const vault = new PersonalDataVault(keys);
    const sealed = await vault.seal('guest-restored', NAME, 'Camille');
    const backup = await db.pool.query(`SELECT * FROM ${db.schema}.personal_data_keys WHERE subject_id = 'guest-restored'`);
    await vault.erase('guest-restored');
    const list = await keys.erasures();
    expect(list).toEqual(expect.arrayContaining([{ subjectId: 'guest-restored', erasedAt: expect.any(Date) }]));
    expect(Object.keys(list[0] ?? {})).toEqual(['subjectId', 'erasedAt']);

    // The restore: the key is back, and the erasure list in the database predates the erasure.
    const row = backup.rows[0] as { subject_id: string; key_version: number; key: Buffer; created_at: Date };
    await db.pool.query(`INSERT INTO ${db.schema}.personal_data_keys VALUES ($1, $2, $3, $4)`, [
      row.subject_id,
      row.key_version,
      row.key,
      row.created_at,
    ]);
    await db.pool.query(`DELETE FROM ${db.schema}.personal_data_erasures WHERE subject_id = 'guest-restored'`);
    const restored = storeOn();
    expect(await new PersonalDataVault(restored).open(sealed, { field: NAME })).toBe('Camille');

    expect(await restored.reapplyErasures(list)).toBe(1);
    expect(await new PersonalDataVault(restored).open(sealed, { field: NAME })).toBe(ERASED);
    expect((await restored.erasures()).map((record) => record.subjectId)).toContain('guest-restored');
    await expect(new PersonalDataVault(restored).seal('guest-restored', NAME, 'x')).rejects.toBeInstanceOf(SubjectErasedError);
  });
});
