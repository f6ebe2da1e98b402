/**
 * `npm run create-admin -- --email admin@example.org [--name "Ada Admin"]`
 *
 * Makes the account of that e-mail an admin of the gateway, creating it when absent. Idempotent:
 * running it again, or on an account that is already an admin, changes nothing. An existing
 * account is promoted and keeps its password; a new one takes its password from
 * ELAN_ADMIN_PASSWORD or, on a terminal, from a prompt.
 *
 * Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/elan, the database of
 * `npm start` on a local server), GATEWAY_SCHEMA (default gateway).
 */
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { z } from 'zod';
import { AccountsRepository } from '../services/gateway/src/accounts/accounts.repository';
import { AccountsService } from '../services/gateway/src/accounts/accounts.service';
import { DisplayNameSchema, EmailSchema, PasswordSchema } from '../services/gateway/src/accounts/accounts.schemas';
import { PasswordHasher } from '../services/gateway/src/accounts/password-hasher';
import { passwordWeakness } from '../services/gateway/src/accounts/password-strength';
import { DEFAULT_GATEWAY_SCHEMA, GatewayDatabase } from '../services/gateway/src/storage/gateway-database';
import { promptHidden } from './prompt-hidden';

const USAGE = 'usage: npm run create-admin -- --email <address> [--name <display name>]';
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/elan';

class UsageError extends Error {}

function argumentsOf(argv: string[]): { email: string; name?: string } {
  const { values } = parseArgs({ args: argv, options: { email: { type: 'string' }, name: { type: 'string' } } });
  const email = EmailSchema.safeParse(values.email);
  if (!email.success) throw new UsageError(`--email must be an e-mail address\n${USAGE}`);
  const name = values.name === undefined ? undefined : DisplayNameSchema.safeParse(values.name);
  if (name && !name.success) throw new UsageError(`--name must have 1 to 100 characters\n${USAGE}`);
  return { email: email.data, ...(name ? { name: name.data } : {}) };
}

/**
 * The password of a new account: the environment, else a prompt, else a clear refusal. Held to
 * the rules of registration: length, then strength (not built from the address or the name).
 */
async function passwordForNewAccount(email: string, name: string | undefined): Promise<string> {
  const fromEnv = process.env.ELAN_ADMIN_PASSWORD;
  const password =
    fromEnv ??
    (process.stdin.isTTY
      ? await promptHidden(`Password for the new account ${email} (12 characters or more, hard to guess): `)
      : undefined);
  if (password === undefined)
    throw new UsageError(`there is no account for ${email}: set ELAN_ADMIN_PASSWORD, or run this on a terminal`);
  const checked = PasswordSchema.safeParse(password);
  if (!checked.success) throw new UsageError(`the password ${z.prettifyError(checked.error).replace(/^✖ /, '')}`);
  const weakness = passwordWeakness(password, { email, ...(name === undefined ? {} : { displayName: name }) });
  if (weakness !== undefined) throw new UsageError(`the password ${weakness}`);
  if (fromEnv === undefined && (await promptHidden('Once more: ')) !== password) throw new UsageError('the two passwords differ');
  return password;
}

async function main(): Promise<void> {
  const { email, name } = argumentsOf(process.argv.slice(2));
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    application_name: 'elan-create-admin',
    connectionTimeoutMillis: 5_000,
  });
  try {
    const db = new GatewayDatabase(pool, process.env.GATEWAY_SCHEMA ?? DEFAULT_GATEWAY_SCHEMA);
    const repository = new AccountsRepository(db);
    const accounts = new AccountsService(repository, new PasswordHasher());
    const existing = await repository.findByEmail(email);
    const password = existing ? undefined : await passwordForNewAccount(email, name);
    const outcome = await accounts.ensureAdmin(email, password, name);
    const said = { created: 'created, with the admin role', promoted: 'promoted to admin', 'already-admin': 'already an admin' };
    console.log(`${email}: ${said[outcome]}`);
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(`create-admin: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
