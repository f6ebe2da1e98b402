/**
 * The bench database: a fresh `elan_bench_<random>` created for one run and dropped at its end,
 * plus the pool settings every adapter shares.
 */
import { readFile } from 'node:fs/promises';
import { Pool, types, type CustomTypesConfig } from 'pg';
import { createTestDatabase, dropTestDatabase } from '@elan/testing';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  readonly name: string;
  /** Connection string of the bench database. */
  readonly url: string;
  /** `CHECKPOINT`, so that no measurement pays for the previous one's dirty pages. */
  checkpoint(): Promise<void>;
  serverVersion(): Promise<string>;
  /**
   * CPU seconds used so far by the server processes of the bench database's other sessions,
   * read from /proc; null when the server is not on this machine (or not readable).
   */
  backendCpuSeconds(): Promise<number | null>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const adminUrl = process.env['DATABASE_URL'] ?? DEFAULT_URL;
  const { name, url } = await createTestDatabase(adminUrl, 'elan_bench');
  const admin = guarded(new Pool({ connectionString: url, max: 1 }));
  let canCheckpoint = true;
  let dropped: Promise<void> | undefined;
  return {
    name,
    url,
    async checkpoint() {
      if (!canCheckpoint) return;
      try {
        await admin.query('CHECKPOINT');
      } catch {
        canCheckpoint = false; // needs superuser or pg_checkpoint; the run goes on without it
      }
    },
    async serverVersion() {
      const { rows } = await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v");
      return rows[0]?.v ?? 'unknown';
    },
    async backendCpuSeconds() {
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      let ticks = 0;
      let readable = 0;
      for (const { pid } of rows) {
        const t = await processTicks(pid); // null: not on this machine, or exited meanwhile
        if (t === null) continue;
        ticks += t;
        readable++;
      }
      return rows.length > 0 && readable === 0 ? null : ticks / CLOCK_TICKS_PER_SECOND;
    },
    drop() {
      dropped ??= (async () => {
        await admin.end();
        await dropTestDatabase(adminUrl, name);
      })();
      return dropped;
    },
  };
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times (100 on every mainstream build). */
const CLOCK_TICKS_PER_SECOND = 100;

async function processTicks(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime 14 and stime 15 (1-based, man 5 proc).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

/*
 * Emmett's driver (dumbo) replaces node-postgres' global parsers for int8, json and jsonb the
 * first time it opens a pool (int8 becomes BigInt). Élan's store and the plain adapter must keep
 * the parsers they would have without Emmett in the process, so their pools read types through
 * this object: it answers from a snapshot of those three parsers taken just before Emmett's first
 * pool is opened, and from the live registry otherwise.
 */
const SHIELDED_OIDS = [20, 114, 3802] as const; // int8, json, jsonb
let snapshot: ReadonlyMap<number, (value: string) => unknown> | undefined;

export function freezeTypeParsers(): void {
  snapshot ??= new Map(SHIELDED_OIDS.map((oid) => [oid, types.getTypeParser(oid, 'text')]));
}

const shieldedTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    format === 'binary' ? types.getTypeParser(oid, 'binary') : (snapshot?.get(oid) ?? types.getTypeParser(oid, 'text')),
} as CustomTypesConfig;

/** A pool for Élan's store or the plain adapter: `size` connections, shielded type parsers. */
export function newPool(url: string, size: number): Pool {
  return guarded(new Pool({ connectionString: url, max: size, types: shieldedTypes }));
}

/** An idle connection's error (e.g. the server going away) must not crash the run unreported. */
export function guarded(pool: Pool): Pool {
  pool.on('error', (error) => process.stderr.write(`  pool error: ${error.message}\n`));
  return pool;
}
