import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PASSWORD, queryTestDatabase, startTestGateway, testSchema, uniqueEmail } from '../test/test-gateway';

const REPOSITORY = resolve(__dirname, '../../../..');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run create-admin -- <args>`, as a child process, against this test's schema. */
function createAdmin(schema: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/create-admin.ts', ...args],
      {
        cwd: REPOSITORY,
        env: { PATH: process.env.PATH, DATABASE_URL: process.env.DATABASE_URL, GATEWAY_SCHEMA: schema, ...env },
        timeout: 30_000,
      },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run create-admin', () => {
  const schema = testSchema('cli');
  let app: INestApplication;
  const rolesOf = async (email: string) =>
    (await queryTestDatabase<{ roles: string[] }>(`SELECT roles FROM ${schema}.accounts WHERE email = $1`, [email]))[0]?.roles;

  beforeAll(async () => {
    app = await startTestGateway(schema);
  });
  afterAll(() => app.close());

  it('creates an admin with the password of ELAN_ADMIN_PASSWORD, then changes nothing when run again', async () => {
    const email = uniqueEmail('cli-admin');

    const first = await createAdmin(schema, ['--email', email, '--name', 'Ada'], { ELAN_ADMIN_PASSWORD: 'cli admin password' });
    const second = await createAdmin(schema, ['--email', email], { ELAN_ADMIN_PASSWORD: 'cli admin password' });

    expect(first).toMatchObject({ code: 0, stdout: `${email}: created, with the admin role\n` });
    expect(second).toMatchObject({ code: 0, stdout: `${email}: already an admin\n` });
    expect(await rolesOf(email)).toEqual(['contributor', 'holder', 'admin']);
    await request(app.getHttpServer()).post('/api/auth/login').send({ email, password: 'cli admin password' }).expect(200);
  });

  it('promotes an existing account without asking for a password', async () => {
    const email = uniqueEmail('cli-existing');
    await request(app.getHttpServer())
      .post('/api/auth/register')
      .send({ email, password: PASSWORD, displayName: 'Existing' })
      .expect(201);

    const run = await createAdmin(schema, ['--email', email]);

    expect(run).toMatchObject({ code: 0, stdout: `${email}: promoted to admin\n` });
    expect(await rolesOf(email)).toEqual(['contributor', 'holder', 'admin']);
  });

  it('refuses to create an account without a password when there is no terminal to ask on', async () => {
    const email = uniqueEmail('cli-nopassword');

    const run = await createAdmin(schema, ['--email', email]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('set ELAN_ADMIN_PASSWORD');
    expect(await rolesOf(email)).toBeUndefined();
  });

  it('refuses a missing e-mail address or a short password with a usage message', async () => {
    const noEmail = await createAdmin(schema, []);
    const shortPassword = await createAdmin(schema, ['--email', uniqueEmail('cli-short')], { ELAN_ADMIN_PASSWORD: 'short' });

    expect(noEmail).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run create-admin') });
    expect(shortPassword).toMatchObject({ code: 2, stderr: expect.stringContaining('at least 12 characters') });
  });

  it('refuses a password that is long but easy to guess, saying why, and creates nothing', async () => {
    const email = uniqueEmail('cli-weak');

    const spaces = await createAdmin(schema, ['--email', email], { ELAN_ADMIN_PASSWORD: ' '.repeat(12) });
    const ownAddress = await createAdmin(schema, ['--email', email], { ELAN_ADMIN_PASSWORD: email });

    expect(spaces).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('the password is too easy to guess. Repeated characters'),
    });
    expect(ownAddress).toMatchObject({ code: 2, stderr: expect.stringContaining('personal data') });
    expect(await rolesOf(email)).toBeUndefined();
  });
});
