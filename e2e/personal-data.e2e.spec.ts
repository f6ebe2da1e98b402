import { Pool } from 'pg';
// The one place an end-to-end test reads a service's log directly: ADR 0022 asks that the chain
// be verified after an erasure, and only the store can verify it (no API exposes it, on purpose).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { PostgresEventStore } from '@elan/event-store';
import { expectProblem, waitUntil } from '@elan/testing';
import { PASSWORD, uniqueEmail, type Account, type Api } from './support/api';
import { eur } from './support/campaigns';
import {
  confirmWithCard,
  foundInStack,
  liveCampaign,
  pledgeBody,
  pledgeOf,
  pledgeOn,
  pledgeOnceIn,
  stripeBooks,
} from './support/pledges';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';

/** Four services started (each has 60 s to say 'ready'), then two campaigns approved and live, on a busy machine. */
const STARTS_WITHIN_MS = 180_000;
/** Each scan reads every column of every table of four schemas, once per value looked for. */
const SCANS_WITHIN_MS = 120_000;

/** Who erases themselves: every value below must be gone from every table of every service. */
const MAELYS = {
  displayName: 'Maëlys Quintard-Ferréol',
  publicName: 'Maëlys de Figeac',
  keepItAllMessage: 'Vive la brasserie coopérative de Figeac',
  allOrNothingMessage: 'Hâte de goûter la bière de châtaigne',
};

/**
 * The right of access and the right to erasure across Élan, every process real (gateway,
 * campaign, pledge and tipping services, the Stripe emulator, NATS, PostgreSQL). A contributor
 * with a name, an e-mail and messages pledges on a keep-it-all campaign (paid) and on an
 * all-or-nothing one (committed, and another left awaiting its card), exports their data, then
 * erases themselves: afterwards no table of any service holds their name, e-mail, messages or
 * key, while amounts, tips, statuses, the pledge log's hash chain and the books still hold.
 */
describe('personal data: export and erasure across the services', () => {
  let stack: Stack;
  let api: Api;
  let pool: Pool;
  let admin: Account;
  let holder: Account;
  let backer: Account;
  let maelys: Account;
  let keepItAll: string;
  let allOrNothing: string;
  const pledgeIds = { paid: '', committed: '', awaiting: '', backers: '' };

  const stripe = () => stack.payments;
  const keyOf = async (accountId: string): Promise<Buffer | undefined> =>
    (
      await pool.query<{ key: Buffer }>(
        `SELECT key FROM ${stack.environment.PLEDGE_SCHEMA}.personal_data_keys WHERE subject_id = $1`,
        [accountId],
      )
    ).rows[0]?.key;

  beforeAll(async () => {
    let moderator: Account;
    ({
      stack,
      api,
      admin,
      accounts: { holder, backer, moderator },
    } = await startStack('personal_data', { members: ['holder', 'backer'], moderators: ['moderator'] }, { payments: true }));
    pool = new Pool({ connectionString: stack.environment.DATABASE_URL, max: 2 });
    const email = uniqueEmail('maelys');
    const registered = await api
      .post('/api/auth/register')
      .send({ email, password: PASSWORD, displayName: MAELYS.displayName })
      .expect(201);
    maelys = { id: registered.body.id as string, email, token: await api.logIn({ email, password: PASSWORD }) };
    [{ campaignId: keepItAll }, { campaignId: allOrNothing }] = await Promise.all([
      liveCampaign(api, holder, moderator, { fundingModel: 'keep_it_all', lastsMs: 10 * 60_000 }),
      liveCampaign(api, holder, moderator, { fundingModel: 'all_or_nothing', lastsMs: 10 * 60_000 }),
    ]);
  }, STARTS_WITHIN_MS);
  afterAll(async () => {
    await pool?.end();
    await stack?.stop();
  });

  it('pledges with a name, an e-mail and messages: paid, committed, and one awaiting its card', async () => {
    const paid = await pledgeOn(
      api,
      keepItAll,
      pledgeBody({ name: MAELYS.publicName, message: MAELYS.keepItAllMessage }),
      maelys,
    );
    expect(await confirmWithCard(stripe(), paid)).toBe('succeeded');
    const committed = await pledgeOn(
      api,
      allOrNothing,
      pledgeBody({ amount: eur(5_000), tip: eur(500), message: MAELYS.allOrNothingMessage }),
      maelys,
    );
    expect(await confirmWithCard(stripe(), committed)).toBe('succeeded');
    const awaiting = await pledgeOn(api, allOrNothing, pledgeBody({ amount: eur(2_000), tip: eur(0) }), maelys);
    const backers = await pledgeOn(api, keepItAll, pledgeBody({ message: 'Le message d’un autre' }), backer);
    expect(await confirmWithCard(stripe(), backers)).toBe('succeeded');
    Object.assign(pledgeIds, {
      paid: paid.pledge.pledgeId,
      committed: committed.pledge.pledgeId,
      awaiting: awaiting.pledge.pledgeId,
      backers: backers.pledge.pledgeId,
    });

    await pledgeOnceIn(api, pledgeIds.paid, maelys, 'committed');
    await pledgeOnceIn(api, pledgeIds.committed, maelys, 'committed');
    await pledgeOnceIn(api, pledgeIds.backers, backer, 'committed');
  });

  it('exports what Élan holds about the caller: the account, every pledge opened, the campaigns held', async () => {
    const { body } = await api.get('/api/me/data', maelys).expect(200);

    expect(Date.parse(body.generatedAt)).not.toBeNaN();
    expect(body.account).toMatchObject({
      id: maelys.id,
      email: maelys.email,
      displayName: MAELYS.displayName,
      roles: ['contributor', 'holder'],
    });
    expect(body.campaigns).toEqual([]);
    expect(body.pledges).toEqual([
      expect.objectContaining({
        pledgeId: pledgeIds.paid,
        status: 'committed',
        amount: eur(3_000),
        tip: eur(300),
        contributor: expect.objectContaining({ name: MAELYS.publicName, email: maelys.email }),
        message: MAELYS.keepItAllMessage,
      }),
      expect.objectContaining({ pledgeId: pledgeIds.committed, status: 'committed', message: MAELYS.allOrNothingMessage }),
      expect.objectContaining({
        pledgeId: pledgeIds.awaiting,
        status: 'awaiting_card_setup',
        contributor: expect.objectContaining({ name: MAELYS.displayName }),
      }),
    ]);
    const holders = await api.get('/api/me/data', holder).expect(200);
    expect(holders.body.campaigns.map((c: { campaignId: string }) => c.campaignId).sort()).toEqual(
      [keepItAll, allOrNothing].sort(),
    );
  });

  it(
    'erases the caller on DELETE /api/me with their password: 204, then logging in fails',
    async () => {
      // Before, the search finds what is there, so finding nothing after means something: the account
      // in clear, the answers kept for the pledges' Idempotency-Keys (which quote the message), the key.
      const key = await keyOf(maelys.id);
      expect(key).toBeDefined();
      const needles = [MAELYS.displayName, maelys.email, MAELYS.keepItAllMessage, ...(key ? [key] : [])];
      const { GATEWAY_SCHEMA, PLEDGE_SCHEMA } = stack.environment;
      const before = await foundInStack(stack.environment, pool, needles);
      expect(before.map((hit) => `${hit.schema}.${hit.table}`)).toEqual(
        expect.arrayContaining([
          `${GATEWAY_SCHEMA}.accounts`,
          `${GATEWAY_SCHEMA}.idempotency_records`,
          `${PLEDGE_SCHEMA}.personal_data_keys`,
        ]),
      );

      // Stripe's copy too: her all-or-nothing checkouts made customers holding her address.
      const stripeCustomersOf = async (email: string) =>
        Object.values((await stripe().control.state()).customers).filter((customer) => customer.email === email);
      expect((await stripeCustomersOf(maelys.email)).length).toBeGreaterThan(0);
      // A second session (another device): its token must die with the account, not at its expiry.
      const otherDevice = { ...maelys, token: await api.logIn({ email: maelys.email, password: PASSWORD }) };
      await api.get('/api/me', otherDevice).expect(200);
      expectProblem(await api.delete('/api/me', maelys).send({ password: 'not the password at all' }), 403, 'wrong-password');
      await api.delete('/api/me', maelys).send({ password: PASSWORD }).expect(204);

      expectProblem(
        await api.post('/api/auth/login').send({ email: maelys.email, password: PASSWORD }),
        401,
        'invalid-credentials',
      );
      expectProblem(await api.get('/api/me', maelys), 401, 'unauthenticated');
      expectProblem(await api.get('/api/me', otherDevice), 401, 'unauthenticated');
      expect(await stripeCustomersOf(maelys.email)).toEqual([]);
      expect(await keyOf(maelys.id)).toBeUndefined();
      const after = await foundInStack(stack.environment, pool, [
        MAELYS.displayName,
        MAELYS.publicName,
        maelys.email,
        MAELYS.keepItAllMessage,
        MAELYS.allOrNothingMessage,
        ...(key ? [key] : []),
      ]);
      expect(after).toEqual([]);
    },
    SCANS_WITHIN_MS,
  );

  it('shows the erased pledges as "erased" to the holder and an admin, amounts, tips and statuses intact', async () => {
    const paid = await pledgeOf(api, pledgeIds.paid, holder);
    expect(paid).toMatchObject({
      status: 'committed',
      amount: eur(3_000),
      tip: eur(300),
      contributor: { kind: 'account', name: 'erased', email: 'erased' },
      message: 'erased',
    });
    expect(await pledgeOf(api, pledgeIds.committed, admin)).toMatchObject({
      status: 'cancelled',
      amount: eur(5_000),
      tip: eur(500),
      contributor: { name: 'erased', email: 'erased' },
    });
    expect(await pledgeOf(api, pledgeIds.awaiting, admin)).toMatchObject({ status: 'abandoned', amount: eur(2_000) });
    expect(await pledgeOf(api, pledgeIds.backers, holder)).toMatchObject({
      message: 'Le message d’un autre',
      contributor: { email: backer.email },
    });
  });

  it('keeps the pledge log’s hash chain verifiable', async () => {
    const store = await PostgresEventStore.open(pool, { schema: stack.environment.PLEDGE_SCHEMA ?? '' });
    try {
      expect(await store.verify()).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  });

  it(
    'lets a guest erase their pledge’s personal data with their link’s token, the pledge and its payment kept',
    async () => {
      const guest = { name: 'Ysaline Bouscatel', email: uniqueEmail('ysaline'), message: 'Longue vie au fournil' };
      const placed = await pledgeOn(api, keepItAll, pledgeBody({ amount: eur(2_500), tip: eur(0), ...guest }));
      expect(await confirmWithCard(stripe(), placed)).toBe('succeeded');
      const viewer = { guestToken: placed.guestToken ?? '' };
      const pledgeId = placed.pledge.pledgeId;
      await pledgeOnceIn(api, pledgeId, viewer, 'committed');
      const path = `/api/pledges/${pledgeId}/personal-data`;
      const before = await foundInStack(stack.environment, pool, [guest.name, guest.email, guest.message]);
      expect(before.map((hit) => hit.table)).toContain('idempotency_records');

      expectProblem(await api.delete(path).set('X-Guest-Token', 'x'.repeat(43)), 404, 'not_found');
      expectProblem(await api.delete(path, backer), 403, 'forbidden');
      await api.delete(path).set('X-Guest-Token', viewer.guestToken).expect(204);

      expect(await pledgeOf(api, pledgeId, viewer)).toMatchObject({
        status: 'committed',
        amount: eur(2_500),
        contributor: { kind: 'guest', name: 'erased', email: 'erased' },
        message: 'erased',
      });
      expect(await foundInStack(stack.environment, pool, [guest.name, guest.email, guest.message])).toEqual([]);
    },
    SCANS_WITHIN_MS,
  );

  it('balances to the cent: Stripe kept the paid pledges and their tips, erased or not, and charged nothing for the cancelled ones', async () => {
    const expected = 3_300 + 3_300 + 2_500;
    const books = await waitUntil(
      async () => {
        const now = await stripeBooks(stripe());
        return now.captured - now.refunded === expected ? now : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 200, description: `Stripe keeps ${expected} cents` },
    );
    expect(books.problems).toEqual([]);
    expect(books.refunded).toBe(0);
  });
});
