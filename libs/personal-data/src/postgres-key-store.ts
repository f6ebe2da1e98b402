import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { systemClock, type Clock } from '@elan/domain-kernel';
import { assertSchemaName, inTransaction, type MigrationSteps } from '@elan/event-store';
import { SubjectErasedError } from './errors';
import type { ErasureRecord, SubjectKey, SubjectKeyStore } from './key-store';
import { assertSubjectId } from './sealed-text';

/**
 * The key table and the erasure list, in the owning service's schema (ADR 0015 steps, ADR 0022).
 * `personal_data_erasures` holds the subject id and a time, nothing else: it is what a restored
 * backup re-applies.
 */
export const personalDataMigrations: MigrationSteps = (schema) => [
  {
    id: 'personal-data/0001-keys',
    sql: `
      CREATE TABLE ${schema}.personal_data_keys (
        subject_id  text        NOT NULL,
        key_version integer     NOT NULL CHECK (key_version > 0),
        key         bytea       NOT NULL CHECK (octet_length(key) = 32),
        created_at  timestamptz NOT NULL,
        PRIMARY KEY (subject_id, key_version)
      );
      CREATE TABLE ${schema}.personal_data_erasures (
        subject_id text        PRIMARY KEY,
        erased_at  timestamptz NOT NULL
      );`,
  },
];

export interface PostgresKeyStoreOptions {
  /** The owning service's schema (its migrations include `personalDataMigrations`). */
  readonly schema: string;
  readonly clock?: Clock;
  /** How long a key read is reused in this process; 30 s unless given. Erasure evicts at once here. */
  readonly cacheTtlMs?: number;
}

interface CachedKeys {
  readonly current: SubjectKey;
  readonly versions: ReadonlyMap<number, SubjectKey>;
  readonly until: number;
}

interface KeyRow {
  key_version: number;
  key: Buffer;
}

/** One key per data subject in `<schema>.personal_data_keys`, created on first use, cached briefly. */
export class PostgresKeyStore implements SubjectKeyStore {
  private readonly schema: string;
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly cache = new Map<string, CachedKeys>();

  constructor(
    private readonly pool: Pool,
    options: PostgresKeyStoreOptions,
  ) {
    this.schema = assertSchemaName(options.schema);
    this.clock = options.clock ?? systemClock;
    this.ttlMs = options.cacheTtlMs ?? 30_000;
  }

  async currentKey(subjectId: string): Promise<SubjectKey> {
    const cached = await this.load(assertSubjectId(subjectId));
    if (cached) return cached.current;
    await this.underSubjectLock(subjectId, async (client) => {
      // Never a new key for an erased person: their next pledge would be readable again.
      if (await this.isErasedIn(client, subjectId)) throw new SubjectErasedError('this data subject was erased', { subjectId });
      await client.query(
        `INSERT INTO ${this.schema}.personal_data_keys (subject_id, key_version, key, created_at)
         VALUES ($1, 1, $2, $3) ON CONFLICT DO NOTHING`,
        [subjectId, randomBytes(32), this.clock.now()],
      );
    });
    const created = await this.load(subjectId);
    if (!created) throw new SubjectErasedError('this data subject was erased', { subjectId });
    return created.current;
  }

  async keyOf(subjectId: string, version: number): Promise<SubjectKey | undefined> {
    return (await this.load(subjectId))?.versions.get(version);
  }

  /**
   * A new key version for the person: new values are sealed with it, old values keep opening
   * with theirs (the log is never re-encrypted). Erasure deletes every version.
   */
  async rotate(subjectId: string): Promise<SubjectKey> {
    await this.currentKey(subjectId);
    await this.underSubjectLock(subjectId, async (client) => {
      await client.query(
        `INSERT INTO ${this.schema}.personal_data_keys (subject_id, key_version, key, created_at)
         SELECT $1, max(key_version) + 1, $2, $3 FROM ${this.schema}.personal_data_keys WHERE subject_id = $1
         HAVING count(*) > 0`,
        [subjectId, randomBytes(32), this.clock.now()],
      );
    });
    this.cache.delete(subjectId);
    const rotated = await this.load(subjectId);
    if (!rotated) throw new SubjectErasedError('this data subject was erased', { subjectId });
    return rotated.current;
  }

  async erase(subjectId: string): Promise<ErasureRecord> {
    assertSubjectId(subjectId);
    this.cache.delete(subjectId);
    const record = await this.underSubjectLock(subjectId, async (client) => {
      await client.query(
        `INSERT INTO ${this.schema}.personal_data_erasures (subject_id, erased_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [subjectId, this.clock.now()],
      );
      await client.query(`DELETE FROM ${this.schema}.personal_data_keys WHERE subject_id = $1`, [subjectId]);
      const { rows } = await client.query<{ erased_at: Date }>(
        `SELECT erased_at FROM ${this.schema}.personal_data_erasures WHERE subject_id = $1`,
        [subjectId],
      );
      return { subjectId, erasedAt: rows[0]?.erased_at ?? this.clock.now() };
    });
    this.cache.delete(subjectId);
    return record;
  }

  /** The erasure list, oldest first: what must be kept outside the database's backups. */
  async erasures(): Promise<ErasureRecord[]> {
    const { rows } = await this.pool.query<{ subject_id: string; erased_at: Date }>(
      `SELECT subject_id, erased_at FROM ${this.schema}.personal_data_erasures ORDER BY erased_at, subject_id`,
    );
    return rows.map((row) => ({ subjectId: row.subject_id, erasedAt: row.erased_at }));
  }

  /**
   * After a backup is restored: records every erasure of `list` (kept outside the backup) and of
   * the table itself, and deletes any key the backup brought back. Answers how many keys it deleted.
   */
  async reapplyErasures(list: readonly ErasureRecord[]): Promise<number> {
    this.cache.clear();
    return inTransaction(this.pool, async (client) => {
      for (const { subjectId, erasedAt } of list)
        await client.query(
          `INSERT INTO ${this.schema}.personal_data_erasures (subject_id, erased_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [assertSubjectId(subjectId), erasedAt],
        );
      const deleted = await client.query(
        `DELETE FROM ${this.schema}.personal_data_keys k USING ${this.schema}.personal_data_erasures e
         WHERE k.subject_id = e.subject_id`,
      );
      return deleted.rowCount ?? 0;
    });
  }

  private async load(subjectId: string): Promise<CachedKeys | undefined> {
    const now = this.clock.now().getTime();
    const cached = this.cache.get(subjectId);
    if (cached && cached.until > now) return cached;
    const { rows } = await this.pool.query<KeyRow>(
      `SELECT key_version, key FROM ${this.schema}.personal_data_keys WHERE subject_id = $1 ORDER BY key_version`,
      [subjectId],
    );
    const keys = rows.map((row) => ({ subjectId, version: row.key_version, key: row.key }));
    const current = keys[keys.length - 1];
    if (!current) {
      this.cache.delete(subjectId);
      return undefined;
    }
    const loaded = { current, versions: new Map(keys.map((key) => [key.version, key])), until: now + this.ttlMs };
    this.cache.set(subjectId, loaded);
    return loaded;
  }

  private isErasedIn = async (client: PoolClient, subjectId: string): Promise<boolean> =>
    ((await client.query(`SELECT 1 FROM ${this.schema}.personal_data_erasures WHERE subject_id = $1`, [subjectId])).rowCount ??
      0) > 0;

  /** Key creation and erasure of one person queue on one lock, so an erasure cannot miss a key being made. */
  private underSubjectLock<T>(subjectId: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`elan-personal-data:${this.schema}:${subjectId}`]);
      return work(client);
    });
  }
}
