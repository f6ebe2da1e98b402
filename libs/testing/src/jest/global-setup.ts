import { createTestDatabase, ensureInfrastructure, type Infrastructure } from '../infra';

/**
 * Jest global setup: finds or starts PostgreSQL and NATS (see `ensureInfrastructure`), creates
 * a database of this run's own, and hands both to the test workers through the environment:
 * - `DATABASE_URL`: this run's database; `NATS_URL`: the NATS server (JetStream on);
 * - `ELAN_TEST_ADMIN_URL`, `ELAN_TEST_DATABASE`: for the teardown, which drops the database;
 * - `ELAN_TEST_RUN_ID`: unique to the run, to prefix NATS streams and subjects shared servers see.
 */
export default async function globalSetup(): Promise<void> {
  const original = { DATABASE_URL: process.env.DATABASE_URL, NATS_URL: process.env.NATS_URL };
  const infrastructure = await ensureInfrastructure();
  const database = await createTestDatabase(infrastructure.databaseUrl).catch(async (error: unknown) => {
    await infrastructure.stop();
    throw error;
  });
  // Said only when something was started: that is what makes a run slower or leaves processes.
  if (infrastructure.databaseOrigin === 'embedded' || infrastructure.natsOrigin === 'spawned')
    process.stderr.write(`\n${infrastructure.describe().join('\n')}\n`);

  rememberForTeardown({ infrastructure, original });
  process.env.ELAN_TEST_ADMIN_URL = infrastructure.databaseUrl;
  process.env.ELAN_TEST_DATABASE = database.name;
  process.env.ELAN_TEST_RUN_ID = database.name.slice('elan_test_'.length);
  process.env.DATABASE_URL = database.url;
  process.env.NATS_URL = infrastructure.natsUrl;
}

/** What the teardown needs beyond the environment: it cannot be serialised into it. */
export interface TestRunState {
  readonly infrastructure: Infrastructure;
  readonly original: Readonly<Record<'DATABASE_URL' | 'NATS_URL', string | undefined>>;
}

/**
 * Jest runs globalSetup and globalTeardown in the same process but may load them as separate
 * module instances, so the state goes through a registered symbol on globalThis.
 */
const STATE = Symbol.for('elan.testing.run-state');

function rememberForTeardown(state: TestRunState): void {
  (globalThis as Record<symbol, unknown>)[STATE] = state;
}

export function takeTestRunState(): TestRunState | undefined {
  const holder = globalThis as Record<symbol, TestRunState | undefined>;
  const state = holder[STATE];
  delete holder[STATE];
  return state;
}
