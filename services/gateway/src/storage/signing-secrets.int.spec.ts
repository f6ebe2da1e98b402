import { Pool } from 'pg';
import { testConfig, testSchema } from '../test/test-gateway';
import { GatewayDatabase } from './gateway-database';
import { SigningSecrets } from './signing-secrets';

describe('the signing secrets', () => {
  let pool: Pool;

  beforeAll(() => {
    pool = new Pool({ connectionString: testConfig('unused').databaseUrl });
  });
  afterAll(() => pool.end());

  it('without AUTH_SECRET, is one random key for replicas starting together, kept for restarts', async () => {
    const schema = testSchema('signing');
    const replicas = Array.from({ length: 4 }, () => new SigningSecrets({}, new GatewayDatabase(pool, schema)));

    const keys = await Promise.all(replicas.map((secrets) => secrets.all()));
    const restarted = await new SigningSecrets({}, new GatewayDatabase(pool, schema)).all();

    const [first] = keys[0] ?? [];
    expect(first).toHaveLength(32);
    for (const [key] of [...keys, restarted]) expect(Buffer.from(key ?? []).equals(Buffer.from(first ?? []))).toBe(true);
    const elsewhere = await new SigningSecrets({}, new GatewayDatabase(pool, testSchema('signing'))).all();
    expect(Buffer.from(elsewhere[0] ?? []).equals(Buffer.from(first ?? []))).toBe(false);
  });

  it('puts the configured key first, then the previous ones, and touches no table for them', async () => {
    const schema = testSchema('signing_cfg');
    const current = 'c'.repeat(32);
    const previous = ['p'.repeat(32), 'q'.repeat(40)];

    const secrets = await new SigningSecrets(
      { secret: current, previousSecrets: previous },
      new GatewayDatabase(pool, schema),
    ).all();

    expect(secrets.map((secret) => Buffer.from(secret).toString())).toEqual([current, ...previous]);
    const { rows } = await pool.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name = $1`, [schema]);
    expect(rows).toEqual([]);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => new SigningSecrets({ secret: 'short' }, new GatewayDatabase(pool, testSchema('signing_short')))).toThrow(
      /32 bytes/,
    );
  });
});
