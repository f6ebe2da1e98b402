import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const base = process.env.ELAN_TEST_ADMIN_URL;
  const name = process.env.ELAN_TEST_DATABASE;
  if (!base || !name) return;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
