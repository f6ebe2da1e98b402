import { dropTestDatabase } from '../infra';
import { takeTestRunState } from './global-setup';

/**
 * Jest global teardown: drops this run's database, stops whatever the setup started (an
 * embedded PostgreSQL, a nats-server) and restores the environment it changed (watch mode
 * runs setup again in the same process).
 */
export default async function globalTeardown(): Promise<void> {
  const state = takeTestRunState();
  const adminUrl = process.env.ELAN_TEST_ADMIN_URL;
  const name = process.env.ELAN_TEST_DATABASE;
  try {
    if (adminUrl && name) await dropTestDatabase(adminUrl, name);
  } finally {
    await state?.infrastructure.stop();
    for (const key of ['ELAN_TEST_ADMIN_URL', 'ELAN_TEST_DATABASE', 'ELAN_TEST_RUN_ID'] as const) delete process.env[key];
    if (state) {
      for (const [key, value] of Object.entries(state.original)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }
}
