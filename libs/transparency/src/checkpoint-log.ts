import type { Pool, PoolClient } from 'pg';
import { assertSchemaName, inTransaction, type MigrationSteps } from '@elan/event-store';
import { makeCheckpoint, parseSignedCheckpoint, signCheckpoint, type SignedCheckpoint } from './checkpoint';
import type { CheckpointSigner } from './keys';
import { readHeads } from './store-links';

/**
 * The table of a service's checkpoints, in its own schema (ADR 0015): one row per checkpoint,
 * `sequence` counting from 1 without gaps, the signed checkpoint kept as issued.
 */
export const transparencyMigrations: MigrationSteps = (schema) => [
  {
    id: 'transparency/0001-checkpoints',
    sql: `
      CREATE TABLE ${schema}.transparency_checkpoints (
        sequence bigint PRIMARY KEY CHECK (sequence >= 1),
        log text NOT NULL,
        issued_at timestamptz NOT NULL,
        checkpoint jsonb NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL
      )`,
  },
];

export interface CheckpointLogOptions {
  readonly pool: Pool;
  /** The event store's schema, which holds the table too. */
  readonly schema: string;
  /** The log's name in every checkpoint, e.g. `elan/pledge`. */
  readonly log: string;
  /** The money streams' prefixes: `['pledge-']`, `['tip-']`. */
  readonly prefixes: readonly string[];
  readonly signer: CheckpointSigner;
  /** The time of a checkpoint (the system's unless given). */
  readonly now?: () => Date;
}

export interface ListCheckpoints {
  /** Only checkpoints of a higher sequence. */
  readonly after?: number;
  readonly limit: number;
}

interface Row {
  checkpoint: unknown;
  key_id: string;
  signature: string;
}

const MAX_LIST = 1_000;

/**
 * A service's log of signed checkpoints of its money streams' heads. `issue` reads the heads,
 * signs the next sequence and stores it in one transaction, under a lock of the log: replicas
 * issuing at the same moment queue, and each finds the sequence the other took.
 */
export class CheckpointLog {
  private readonly schema: string;
  private readonly now: () => Date;

  constructor(private readonly options: CheckpointLogOptions) {
    this.schema = assertSchemaName(options.schema);
    this.now = options.now ?? (() => new Date());
    if (options.prefixes.length === 0) throw new RangeError('a checkpoint log needs at least one stream prefix');
  }

  get log(): string {
    return this.options.log;
  }

  /** The signer's public half, as verifiers need it. */
  get key(): { readonly keyId: string; readonly publicKeyPem: string } {
    return { keyId: this.options.signer.keyId, publicKeyPem: this.options.signer.publicKeyPem };
  }

  /** Signs and stores the next checkpoint of the heads as they are now. */
  issue(): Promise<SignedCheckpoint> {
    return this.locked(async (client) => this.issueLocked(client, await this.latestOf(client)));
  }

  /**
   * Issues a checkpoint unless the latest is younger than `intervalMs`: what every replica's
   * timer calls, so only one of them issues per interval. Answers the checkpoint issued, if any.
   */
  issueIfDue(intervalMs: number): Promise<SignedCheckpoint | undefined> {
    return this.locked(async (client) => {
      const latest = await this.latestOf(client);
      // After a key rotation the latest checkpoint is signed by a key no longer published: one
      // signed now by the current key is due at once, so a verifier can check the latest again.
      const signedByThisKey = latest?.keyId === this.options.signer.keyId;
      if (latest && signedByThisKey && this.now().getTime() - Date.parse(latest.checkpoint.issuedAt) < intervalMs)
        return undefined;
      return this.issueLocked(client, latest);
    });
  }

  async latest(): Promise<SignedCheckpoint | undefined> {
    return this.latestOf(this.options.pool);
  }

  /** Checkpoints after a sequence (from the first when absent), oldest first. */
  async list({ after = 0, limit }: ListCheckpoints): Promise<SignedCheckpoint[]> {
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIST) throw new RangeError(`limit must be 0 to ${MAX_LIST}`);
    const { rows } = await this.options.pool.query<Row>(
      `SELECT checkpoint, key_id, signature FROM ${this.schema}.transparency_checkpoints
       WHERE sequence > $1 ORDER BY sequence LIMIT $2`,
      [after, limit],
    );
    return rows.map(signedOf);
  }

  private async latestOf(db: Pool | PoolClient): Promise<SignedCheckpoint | undefined> {
    const { rows } = await db.query<Row>(
      `SELECT checkpoint, key_id, signature FROM ${this.schema}.transparency_checkpoints ORDER BY sequence DESC LIMIT 1`,
    );
    return rows[0] && signedOf(rows[0]);
  }

  private locked<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.options.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`elan-transparency:${this.schema}`]);
      return work(client);
    });
  }

  private async issueLocked(client: PoolClient, latest: SignedCheckpoint | undefined): Promise<SignedCheckpoint> {
    // The heads are read after the lock, in the transaction that stores them.
    const heads = await readHeads(client, this.schema, { prefixes: this.options.prefixes });
    const previousAt = latest ? Date.parse(latest.checkpoint.issuedAt) : Number.NEGATIVE_INFINITY;
    // Each checkpoint is later than the one before, even if this replica's clock is behind.
    const issuedAt = new Date(Math.max(this.now().getTime(), previousAt + 1));
    const sequence = (latest?.checkpoint.sequence ?? 0) + 1;
    const signed = signCheckpoint(makeCheckpoint({ log: this.options.log, sequence, issuedAt, heads }), this.options.signer);
    await client.query(
      `INSERT INTO ${this.schema}.transparency_checkpoints (sequence, log, issued_at, checkpoint, key_id, signature)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
      [sequence, signed.checkpoint.log, issuedAt, JSON.stringify(signed.checkpoint), signed.keyId, signed.signature],
    );
    return signed;
  }
}

/** A stored row back to the signed checkpoint (jsonb keeps the values; the signature covers canonical bytes). */
const signedOf = (row: Row): SignedCheckpoint =>
  parseSignedCheckpoint({ checkpoint: row.checkpoint, keyId: row.key_id, signature: row.signature });
