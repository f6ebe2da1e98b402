// Temporary: replaced by the infrastructure bootstrap.
import { Client } from 'pg';

export default async function globalSetup(): Promise<void> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `elan_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  process.env.ELAN_TEST_ADMIN_URL = base;
  process.env.ELAN_TEST_DATABASE = name;
  process.env.DATABASE_URL = url.toString();
}
