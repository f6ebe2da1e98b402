import { randomBytes } from 'node:crypto';
import { withClient } from './postgres';

/** Database names we create ourselves: plain lowercase identifiers, so quoting stays trivial. */
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function quoted(name: string): string {
  if (!DATABASE_NAME.test(name)) throw new Error(`not a plain database name: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** `url` with its database (the path) replaced by `name`; credentials and options are kept. */
export function databaseUrlFor(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A database of its own for one test run. */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
}

/**
 * Creates a fresh database for one test run on the server of `adminUrl` (whose user may create
 * databases). The name carries the pid and random bytes, so parallel runs never collide.
 */
export async function createTestDatabase(adminUrl: string, prefix = 'elan_test'): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoted(name)}`));
  return { name, url: databaseUrlFor(adminUrl, name) };
}

/** Drops a database made by `createTestDatabase`, disconnecting whoever still uses it. */
export async function dropTestDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`));
}

/**
 * Creates database `name` unless it exists, and returns its URL. Two processes racing to
 * create it both succeed: the loser's "already exists" error is the outcome it wanted.
 */
export async function createDatabaseIfAbsent(adminUrl: string, name: string): Promise<string> {
  await withClient(adminUrl, async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount !== 0) return;
    try {
      await client.query(`CREATE DATABASE ${quoted(name)}`);
    } catch (error) {
      // 42P04: duplicate_database; 23505: the same race caught by pg_database's unique index.
      const code = (error as { code?: unknown }).code;
      if (code !== '42P04' && code !== '23505') throw error;
    }
  });
  return databaseUrlFor(adminUrl, name);
}
