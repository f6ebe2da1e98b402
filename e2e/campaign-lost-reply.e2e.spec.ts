import { Client } from 'pg';
import { waitUntil } from '@elan/testing';
import { Api, type Account } from './support/api';
import { completeDraft } from './support/campaigns';
import { Stack } from './support/stack';

/** Short, so the first request gives up during the test; long enough for a retry on a busy machine. */
const REQUEST_TIMEOUT_MS = 2_500;

/**
 * The reply to `POST /api/campaigns` lost after the campaign service committed: the gateway
 * answers 504 and releases the Idempotency-Key, the service creates the draft anyway. The
 * client's retry with the same key must get that draft, not a second one. The service is held
 * back by a lock on its event log (its append waits, its reads do not), which the test lets go
 * once the gateway has given up: no sleep, the order is forced.
 */
describe('a campaign creation whose reply was lost', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let db: Client;
  let eventLog: string;

  beforeAll(async () => {
    process.env['REQUEST_TIMEOUT_MS'] = String(REQUEST_TIMEOUT_MS);
    try {
      stack = await Stack.start('lostreply');
    } finally {
      delete process.env['REQUEST_TIMEOUT_MS'];
    }
    api = new Api(stack.url);
    holder = await api.register('holder');
    eventLog = `${stack.environment['CAMPAIGN_SCHEMA']}.events`;
    db = new Client({ connectionString: stack.environment['DATABASE_URL'] });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  const campaignsCreatedBy = async (accountId: string): Promise<string[]> => {
    const { rows } = await db.query<{ campaign_id: string }>(
      `SELECT data->>'campaignId' AS campaign_id FROM ${eventLog} WHERE type = 'CampaignCreated' AND data->>'holderId' = $1`,
      [accountId],
    );
    return rows.map((row) => row.campaign_id);
  };

  it('answers the retry with the draft the first request created, and creates only one', async () => {
    const draft = completeDraft({ title: 'Une conserverie de quartier', location: { departement: '59' } });
    const create = () => api.post('/api/campaigns', holder).set('Idempotency-Key', 'create-conserverie').send(draft);

    await db.query('BEGIN');
    await db.query(`LOCK TABLE ${eventLog} IN SHARE MODE`);
    const lost = await create();
    expect(lost.status).toBe(504);
    expect(await campaignsCreatedBy(holder.id)).toEqual([]);
    await db.query('COMMIT');
    const [committed] = await waitUntil(
      async () => {
        const created = await campaignsCreatedBy(holder.id);
        return created.length > 0 ? created : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 50, description: 'the campaign service committed the first request' },
    );

    const retried = await create();

    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.body).toEqual({ campaignId: committed, status: 'draft', version: 1 });
    expect(retried.headers.location).toBe(`/api/campaigns/${committed}`);
    expect(await campaignsCreatedBy(holder.id)).toEqual([committed]);
  });

  it('refuses a retry with the same key and other content: the key already named a campaign', async () => {
    const other = await api.register('other');
    const draft = completeDraft({ title: 'Un atelier vélo', location: { departement: '35' } });
    const create = (body: object) => api.post('/api/campaigns', other).set('Idempotency-Key', 'create-atelier').send(body);

    await db.query('BEGIN');
    await db.query(`LOCK TABLE ${eventLog} IN SHARE MODE`);
    expect((await create(draft)).status).toBe(504);
    await db.query('COMMIT');
    await waitUntil(async () => (await campaignsCreatedBy(other.id)).length === 1 || undefined, {
      timeoutMs: 15_000,
      intervalMs: 50,
      description: 'the campaign service committed the first request',
    });

    const changed = await create({ ...draft, title: 'Un atelier de réparation' });

    expect(changed.status).toBe(409);
    expect(await campaignsCreatedBy(other.id)).toHaveLength(1);
  });
});
