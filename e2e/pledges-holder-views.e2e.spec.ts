import { expectProblem, waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import { eur, tier } from './support/campaigns';
import {
  confirmWithCard,
  liveCampaign,
  pledgeBody,
  pledgeOn,
  pledgeOnceIn,
  stripeBooks,
  type PlacedPledge,
} from './support/pledges';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';

const STATEMENT_EN = '100 % of your pledge goes to the project; Élan takes no commission. Your tip, if any, funds the platform.';
const GUEST_NAME = '=Camille <Dupré>, "la" boulangère';

/**
 * What holders and supporters see of the pledges, every process real (gateway, campaign, pledge
 * and tipping services, the Stripe emulator, NATS, PostgreSQL): the holder's backers as JSON and
 * CSV (never the tip), the public messages of support, and receipts as JSON and a printable page.
 * The file ends by checking that the money balances.
 */
describe('what holders and supporters see of the pledges', () => {
  let stack: Stack;
  let api: Api;
  let admin: Account;
  let holder: Account;
  let backer: Account;
  let stranger: Account;
  let campaignId: string;
  let tierId: string;
  /** In the order they were committed. */
  const pledges: { named?: PlacedPledge; guest?: PlacedPledge; anonymous?: PlacedPledge; withdrawn?: PlacedPledge } = {};
  let unpaid: PlacedPledge;
  const expectedAtStripe = new Map<string, number>();

  const stripe = () => stack.payments;
  const committed = async (body: object, contributor?: Account): Promise<PlacedPledge> => {
    const placed = await pledgeOn(api, campaignId, body, contributor);
    expect(await confirmWithCard(stripe(), placed)).toBe('succeeded');
    const viewer = contributor ?? { guestToken: placed.guestToken ?? '' };
    await pledgeOnceIn(api, placed.pledge.pledgeId, viewer, 'committed');
    return placed;
  };
  const must = (placed: PlacedPledge | undefined): PlacedPledge => {
    if (!placed) throw new Error('the pledge was not set up');
    return placed;
  };

  beforeAll(async () => {
    let moderator: Account;
    ({
      stack,
      api,
      admin,
      accounts: { holder, backer, stranger, moderator },
    } = await startStack(
      'holder_views',
      { members: ['holder', 'backer', 'stranger'], moderators: ['moderator'] },
      { payments: true },
    ));
    let tierIds: string[];
    ({ campaignId, tierIds } = await liveCampaign(api, holder, moderator, {
      fundingModel: 'keep_it_all',
      lastsMs: 10 * 60_000,
      tiers: [tier({ minimumAmount: eur(2_000) })],
    }));
    tierId = tierIds[0] ?? '';
    pledges.named = await committed(pledgeBody({ name: 'Alex Martin', tierId, message: 'Bravo pour le four !' }), backer);
    expectedAtStripe.set(pledges.named.pledge.pledgeId, 3_300);
    pledges.guest = await committed(
      pledgeBody({ amount: eur(2_500), tip: eur(0), name: GUEST_NAME, email: 'camille@example.org', message: 'Vive le pain' }),
    );
    expectedAtStripe.set(pledges.guest.pledge.pledgeId, 2_500);
    pledges.anonymous = await committed(
      pledgeBody({ amount: eur(1_500), tip: eur(150), showName: false, name: 'Alex Martin', message: 'Courage !' }),
      backer,
    );
    expectedAtStripe.set(pledges.anonymous.pledge.pledgeId, 1_650);
    pledges.withdrawn = await committed(
      pledgeBody({ amount: eur(2_000), tip: eur(100), name: 'Alex Martin', message: 'Retiré' }),
      backer,
    );
    await api.post(`/api/pledges/${pledges.withdrawn.pledge.pledgeId}/cancel`, backer).expect(200);
    expectedAtStripe.set(pledges.withdrawn.pledge.pledgeId, 0);
    unpaid = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(1_000), tip: eur(0) }), backer);
  }, 240_000); // a stack, a live campaign and four paid pledges, webhooks included, on a busy two-core machine
  afterAll(() => stack?.stop());

  const backerOf = (placed: PlacedPledge | undefined, fields: object) => ({
    pledgeId: must(placed).pledge.pledgeId,
    committedAt: expect.any(String),
    tierId: null,
    ...fields,
  });

  it('lists the campaign’s backers to its holder, oldest first, with names, e-mails and statuses but never the tip', async () => {
    const response = await api.get(`/api/campaigns/${campaignId}/backers`, holder).expect(200);

    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      items: [
        backerOf(pledges.named, {
          publicName: 'Alex Martin',
          name: 'Alex Martin',
          email: backer.email,
          amount: eur(3_000),
          tierId,
          status: 'committed',
        }),
        backerOf(pledges.guest, {
          publicName: GUEST_NAME,
          name: GUEST_NAME,
          email: 'camille@example.org',
          amount: eur(2_500),
          status: 'committed',
        }),
        backerOf(pledges.anonymous, {
          publicName: 'anonymous',
          name: 'Alex Martin',
          email: backer.email,
          amount: eur(1_500),
          status: 'committed',
        }),
        backerOf(pledges.withdrawn, {
          publicName: 'Alex Martin',
          name: 'Alex Martin',
          email: backer.email,
          amount: eur(2_000),
          status: 'cancelled',
        }),
      ],
      nextCursor: null,
    });
    expect(response.text).not.toContain('tip');
    expect(response.text).not.toContain(unpaid.pledge.pledgeId);
    const dates = response.body.items.map((item: { committedAt: string }) => item.committedAt);
    expect([...dates].sort()).toEqual(dates);
  });

  it('pages the backers with a cursor, and shows them to an admin too', async () => {
    const first = await api.get(`/api/campaigns/${campaignId}/backers?limit=3`, admin).expect(200);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const second = await api
      .get(`/api/campaigns/${campaignId}/backers?limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`, admin)
      .expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ status: 'cancelled' })], nextCursor: null });
  });

  it('exports the backers as CSV: BOM, RFC 4180 quoting, decimal amounts, formulas defused, no tip', async () => {
    const response = await api.get(`/api/campaigns/${campaignId}/backers.csv`, holder).expect(200);
    const json = (await api.get(`/api/campaigns/${campaignId}/backers`, holder).expect(200)).body.items as {
      committedAt: string;
    }[];
    const dates = json.map((item) => item.committedAt);

    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="backers-${campaignId}.csv"`);
    expect(response.text).toBe(
      '\uFEFF' +
        [
          'name,email,amount,currency,tier,date,status',
          `Alex Martin,${backer.email},30.00,EUR,${tierId},${dates[0]},committed`,
          `"'=Camille <Dupré>, ""la"" boulangère",camille@example.org,25.00,EUR,,${dates[1]},committed`,
          `anonymous,${backer.email},15.00,EUR,,${dates[2]},committed`,
          `Alex Martin,${backer.email},20.00,EUR,,${dates[3]},cancelled`,
        ]
          .map((line) => `${line}\r\n`)
          .join(''),
    );
    // The tips were 3.00, 0, 1.50 and 1.00: none of them is in the file.
    expect(response.text).not.toMatch(/,(3\.00|1\.50|1\.00|33\.00|16\.50),/);
  });

  it('refuses the backers to anyone but the holder and admins, and answers 404 for an unknown campaign', async () => {
    expectProblem(await api.get(`/api/campaigns/${campaignId}/backers`, stranger), 403, 'forbidden');
    expectProblem(await api.get(`/api/campaigns/${campaignId}/backers.csv`, backer), 403, 'forbidden');
    expectProblem(await api.get(`/api/campaigns/${campaignId}/backers`), 401, 'unauthenticated');
    expectProblem(await api.get('/api/campaigns/0193a3b2-7c1d-7000-8000-000000000000/backers', holder), 404, 'not_found');
    // As the catalog does: the pledge service refuses a cursor it did not give, naming it.
    const badCursor = await api.get(`/api/campaigns/${campaignId}/backers?cursor=nope`, holder);
    expect(expectProblem(badCursor, 400, 'validation_failed')).toMatchObject({ details: { field: 'cursor' } });
  });

  it('lists the messages of support of the pledges that count, newest first, to anyone', async () => {
    const response = await api.get(`/api/campaigns/${campaignId}/messages`).expect(200);

    expect(response.body).toEqual({
      items: [
        { publicName: 'anonymous', message: 'Courage !', postedAt: expect.any(String) },
        { publicName: GUEST_NAME, message: 'Vive le pain', postedAt: expect.any(String) },
        { publicName: 'Alex Martin', message: 'Bravo pour le four !', postedAt: expect.any(String) },
      ],
      nextCursor: null,
    });
    expect(response.text).not.toContain('Retiré');
    expect(response.text).not.toContain(backer.email);
    const page = await api.get(`/api/campaigns/${campaignId}/messages?limit=1`).expect(200);
    expect(page.body.items).toEqual([expect.objectContaining({ message: 'Courage !' })]);
    const next = await api
      .get(`/api/campaigns/${campaignId}/messages?limit=2&cursor=${encodeURIComponent(page.body.nextCursor)}`)
      .expect(200);
    expect(next.body.items.map((item: { message: string }) => item.message)).toEqual(['Vive le pain', 'Bravo pour le four !']);
  });

  it('gives the contributor a receipt with the pledge and the tip on separate lines and the statement', async () => {
    const named = must(pledges.named);
    const response = await api.get(`/api/pledges/${named.pledge.pledgeId}/receipt`, backer).expect(200);
    const streamId = `pledge-${named.pledge.pledgeId}`;
    const { body } = await api.get(`/api/transparency/streams/${streamId}/links?from=1&limit=100`).expect(200);
    const head = body.links[body.links.length - 1];

    expect(response.body).toEqual({
      receiptNumber: named.pledge.pledgeId,
      pledgeId: named.pledge.pledgeId,
      campaign: { campaignId, title: 'Un four à pain pour le village' },
      fundingModel: 'keep_it_all',
      lines: [
        { kind: 'pledge', description: 'Pledge to “Un four à pain pour le village”', amount: eur(3_000) },
        { kind: 'tip', description: 'Voluntary tip to the Élan platform', amount: eur(300) },
      ],
      total: eur(3_300),
      paidAt: expect.any(String),
      contributor: { name: 'Alex Martin', email: backer.email },
      refund: null,
      statement: { en: STATEMENT_EN, fr: expect.stringContaining('100 %') },
      // The facts it reports: the head of the pledge's stream, as the public links show it.
      facts: { streamId, position: head.position, hash: head.hash },
    });
    // The holder and an admin see it too; a stranger learns nothing of it.
    await api.get(`/api/pledges/${named.pledge.pledgeId}/receipt`, holder).expect(200);
    await api.get(`/api/pledges/${named.pledge.pledgeId}/receipt`, admin).expect(200);
    expectProblem(await api.get(`/api/pledges/${named.pledge.pledgeId}/receipt`, stranger), 404, 'not_found');
  });

  it('prints the guest’s receipt as a self-contained page, every value escaped, a 0 tip on its own line', async () => {
    const guest = must(pledges.guest);
    const response = await api
      .get(`/api/pledges/${guest.pledge.pledgeId}/receipt.html`)
      .set('X-Guest-Token', guest.guestToken ?? '')
      .expect(200);
    const html = response.text;

    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; /);
    expect(html).toContain('=Camille &lt;Dupré&gt;, &quot;la&quot; boulangère');
    expect(html).not.toContain('<Dupré>');
    expect(html).toMatch(/Voluntary tip to the Élan platform<\/td><td class="amount">0\.00 EUR/);
    expect(html).toMatch(/Pledge to “Un four à pain pour le village”<\/td><td class="amount">25\.00 EUR/);
    expect(html).toContain('Total charged</td><td class="amount">25.00 EUR');
    expect(html).toContain(STATEMENT_EN);
    expect(html).toContain(guest.pledge.pledgeId);
    expect(html).not.toMatch(/<script|<link|src=|href=/);
    expectProblem(
      await api.get(`/api/pledges/${guest.pledge.pledgeId}/receipt.html`).set('X-Guest-Token', 'x'.repeat(43)),
      404,
      'not_found',
    );
  });

  it('shows the refund of a withdrawn pledge, and answers 409 for a pledge never paid', async () => {
    const withdrawn = must(pledges.withdrawn);
    const receipt = await api.get(`/api/pledges/${withdrawn.pledge.pledgeId}/receipt`, backer).expect(200);
    expect(receipt.body).toMatchObject({
      total: eur(2_100),
      refund: { refundedAt: expect.any(String), pledge: eur(2_000), tip: eur(100), total: eur(2_100) },
    });

    expectProblem(await api.get(`/api/pledges/${unpaid.pledge.pledgeId}/receipt`, backer), 409, 'illegal_state');
    expectProblem(await api.get(`/api/pledges/${unpaid.pledge.pledgeId}/receipt.html`, backer), 409, 'illegal_state');
  });

  it('documents the routes in OpenAPI', async () => {
    const { body } = await api.get('/api/docs-json').expect(200);
    const paths = body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;

    expect(Object.keys(paths['/api/campaigns/{id}/backers']?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404']),
    );
    expect(paths['/api/campaigns/{id}/backers.csv']?.get?.responses['200']).toMatchObject({ content: { 'text/csv': {} } });
    expect(paths['/api/campaigns/{id}/messages']?.get?.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CampaignMessagesPage' } } },
    });
    expect(Object.keys(paths['/api/pledges/{id}/receipt']?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '401', '404', '409']),
    );
    expect(paths['/api/pledges/{id}/receipt.html']?.get?.responses['200']).toMatchObject({ content: { 'text/html': {} } });
  });

  it('balances to the cent: what Stripe kept equals the standing pledges and their tips', async () => {
    const expected = [...expectedAtStripe.values()].reduce((total, amount) => total + amount, 0);
    const books = await waitUntil(
      async () => {
        const now = await stripeBooks(stripe());
        return now.captured - now.refunded === expected ? now : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 200, description: `Stripe keeps ${expected} cents` },
    );
    expect(books.problems).toEqual([]);
  });
});
