import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import { getAccountRecipient } from '@elan/contracts';
import { uuidv7 } from '@elan/domain-kernel';
import { RequestClient } from '@elan/messaging';
import { spawnNatsServer, waitUntil, type SpawnedNatsServer } from '@elan/testing';
import { queryTestDatabase, registerAndLogin, startTestGateway, testSchema } from '../test/test-gateway';
import { erasedAccountFields } from './erasure-placeholders';

/**
 * The one request the gateway answers (ADR 0031), asked over NATS as the notification service
 * asks it. A NATS server of this file's own: no other test's gateway may answer in its place.
 */
describe('GetAccountRecipient: where an account’s mail goes', () => {
  const schema = testSchema('recipients');
  let nats: SpawnedNatsServer;
  let nc: NatsConnection;
  let app: INestApplication;
  let requests: RequestClient;

  beforeAll(async () => {
    nats = await spawnNatsServer({
      storeDir: join(tmpdir(), `elan-${schema}-${randomBytes(3).toString('hex')}`),
      keepData: false,
      startTimeoutMs: 15_000,
    });
    app = await startTestGateway(schema, { natsUrl: nats.url });
    nc = await connect({ servers: nats.url });
    requests = new RequestClient({ connection: () => nc, timeoutMs: 5_000 });
  });
  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await nats?.stop();
  });

  it('answers the address and display name of an account, nobody for an erased or unknown one', async () => {
    const { id, email } = await registerAndLogin(app, 'holder');
    // The gateway subscribes once its NATS connection is open, just after start-up.
    const first = await waitUntil(() => requests.request(getAccountRecipient, { accountId: id }).catch(() => undefined), {
      timeoutMs: 10_000,
      description: 'the gateway answering GetAccountRecipient',
    });
    expect(first).toEqual({
      status: 'found',
      email,
      name: expect.any(String),
      language: 'fr',
    });
    expect(await requests.request(getAccountRecipient, { accountId: uuidv7() })).toEqual({ status: 'unknown' });

    // The account's row as the last step of an erasure leaves it (ADR 0022).
    const placeholders = erasedAccountFields(id);
    await queryTestDatabase(`UPDATE ${schema}.accounts SET email = $2, display_name = $3 WHERE id = $1`, [
      id,
      placeholders.email,
      placeholders.displayName,
    ]);
    expect(await requests.request(getAccountRecipient, { accountId: id })).toEqual({ status: 'erased' });
  });

  it('refuses a request that breaks the contract with a typed error', async () => {
    await expect(requests.request(getAccountRecipient, { accountId: 'not-an-id' })).rejects.toThrow(/accountId/);
    const reply = await nc.request(
      getAccountRecipient.subject,
      new TextEncoder().encode(JSON.stringify({ id: 'x', pattern: getAccountRecipient.subject, data: { accountId: 'nope' } })),
      { timeout: 5_000 },
    );
    expect(JSON.parse(new TextDecoder().decode(reply.data))).toMatchObject({ id: 'x', err: { code: 'validation_failed' } });
  });
});
