import type { ReplyOf, getTipLedger, listCampaignMessages, listCampaignPayouts, listMyPayouts } from '@elan/contracts';
import { uniqueIdempotencyKey, waitUntil } from '@elan/testing';
import { Api } from './support/api';
import { READ_MODEL_LAG_MS, catalog, pageOf, type CampaignPage } from './support/campaigns';
import { stripeBooks, stripeTransferred } from './support/pledges';
import { Stack } from './support/stack';

/** The départements of the demo campaigns in scripts/seed.ts. */
const DEMO_DEPARTEMENTS = ['19', '2A', '33', '62', '971'];
const STARTS_IN_SECONDS = 2;
/** The seed starts campaigns, pledges twelve times and waits for the webhooks: more than a plain script. */
const SEED_TIMEOUT_MS = 120_000;

/**
 * What the demo pledges of scripts/seed/pledges.ts add up to, by département, written out here
 * by hand (cents): committed pledges (tips apart) and their count. Keep-it-all campaigns (2A, 33)
 * are paid at once, so raised = committed; all-or-nothing ones only saved cards: raised 0.
 */
const EXPECTED_TOTALS: Record<string, { committed: number; raised: number; backers: number }> = {
  '2A': { committed: 20_000, raised: 20_000, backers: 4 }, // 50 + 20 + 100 + 30
  '33': { committed: 8_000, raised: 8_000, backers: 3 }, // 40 + 15 + 25
  '62': { committed: 5_500, raised: 0, backers: 2 }, // 40 + 15
  '971': { committed: 4_000, raised: 0, backers: 2 }, // 30 + 10
  '19': { committed: 6_000, raised: 0, backers: 1 }, // 60
};
/** The tips of the seven paid (keep-it-all) pledges: 5, 0, 10, 3, 0, 2 and 2.50 €. */
const PAID_TIPS = [500, 0, 1_000, 300, 0, 200, 250];
/** What the emulator charged the cards: the paid pledges and their tips. */
const CHARGED = 20_000 + 8_000 + PAID_TIPS.reduce((total, tip) => total + tip, 0);

/** The demo holder the seed pays the chapel (2A, keep-it-all) out to, with the seed's default password. */
const CHAPEL_HOLDER = { email: 'paulu.demo@example.org', password: 'élan demo holder password' };

type TipLedger = ReplyOf<typeof getTipLedger>;
type MyPayouts = ReplyOf<typeof listMyPayouts>;
type CampaignPayouts = ReplyOf<typeof listCampaignPayouts>;
type Messages = ReplyOf<typeof listCampaignMessages>;

/**
 * `npm run seed` against a running stack with payments, as a newcomer runs it against
 * `npm start`: the demo campaigns appear live in the public catalog moments later, with a dozen
 * pledges (confirmed with a test card through the official SDK against the stack's Stripe
 * emulator) in their totals and their tips in the tip ledger; the chapel's holder paid its pledges
 * by one Connect transfer, which the seed's output names; a second run adds nothing.
 */
describe('npm run seed', () => {
  let stack: Stack;
  let api: Api;

  beforeAll(async () => {
    stack = await Stack.start('seed', { payments: true });
    api = new Api(stack.url);
  }, 120_000);
  afterAll(() => stack?.stop());

  // The stack's environment holds STRIPE_SECRET_KEY and STRIPE_API_URL (its emulator), as `npm start` gives its services.
  const seed = () =>
    stack.runScript('seed', { ELAN_URL: stack.url, SEED_STARTS_IN_SECONDS: String(STARTS_IN_SECONDS) }, SEED_TIMEOUT_MS);

  const livePages = async (): Promise<Map<string, CampaignPage>> => {
    const cards = await catalog(api, 'status=live');
    const pages = await Promise.all(cards.map((card) => pageOf(api, card.campaignId)));
    return new Map(pages.map((page) => [page.departement, page]));
  };
  const totalsOf = (pages: Map<string, CampaignPage>) =>
    Object.fromEntries(
      [...pages].map(([departement, page]) => [
        departement,
        { committed: page.committed.amount, raised: page.raised.amount, backers: page.backers },
      ]),
    );
  const ledger = async (): Promise<TipLedger> => {
    const response = await api.get('/api/tips/ledger');
    if (response.status !== 200) throw new Error(`GET /api/tips/ledger answered ${response.status}`);
    return response.body as TipLedger;
  };
  const ledgerSums = (current: TipLedger) => ({
    contributions: current.months.reduce((sum, month) => sum + month.contributions, 0),
    tips: current.months.reduce((sum, month) => sum + month.tips, 0),
    total: current.months.reduce((sum, month) => sum + month.total.amount, 0),
  });

  let firstRun = '';

  it(
    'loads demo campaigns in five départements that go live, with pledges in their totals and tips in the ledger',
    async () => {
      const run = await seed();
      firstRun = run.stdout;
      expect([run.code, run.code === 0 ? '' : `${run.stderr}\n${run.stdout}`]).toEqual([0, '']);
      expect(run.stdout.match(/created, submitted and approved/g)).toHaveLength(DEMO_DEPARTEMENTS.length);
      expect(run.stdout).toContain('Done: 12 pledges placed, 0 already there.');

      const live = await waitUntil(
        async () => {
          const cards = await catalog(api, 'status=live');
          return cards.length === DEMO_DEPARTEMENTS.length ? cards : undefined;
        },
        { timeoutMs: STARTS_IN_SECONDS * 1000 + READ_MODEL_LAG_MS, intervalMs: 200, description: 'every demo campaign is live' },
      );
      expect(live.map((card) => card.departement).sort()).toEqual(DEMO_DEPARTEMENTS);
      expect(live.every((card) => card.timeLeftSeconds !== null && card.timeLeftSeconds > 14 * 24 * 3600)).toBe(true);

      // The seed waited for the totals before it printed them: the pages show them as soon as it ends.
      const pages = await livePages();
      expect(totalsOf(pages)).toEqual(EXPECTED_TOTALS);
      expect([...pages.values()].filter((page) => page.tiers.length > 0).length).toBeGreaterThanOrEqual(3);
      expect([...pages.values()].filter((page) => page.stretchGoals.length > 0).length).toBeGreaterThanOrEqual(2);
      // The limited tiers chosen hold their units: the register of the chapel, the bread workshop, the festival pass.
      const unitsTaken = (departement: string, title: string) =>
        pages.get(departement)?.tiers.find((tier) => tier.title === title)?.unitsTaken;
      expect(unitsTaken('2A', 'Votre nom sur le registre des donateurs')).toBe(1);
      expect(unitsTaken('62', 'Un atelier pain au levain')).toBe(1);
      expect(unitsTaken('19', 'Un pass et une initiation')).toBe(1);
      expect(run.stdout).toContain('Restaurer la chapelle San Ghjuvanni: 200.00 € / 200.00 €, 4 backers');

      // The tip ledger: seven paid pledges, five of them tipped (two gave 0), 22.50 € in all.
      const tipLedger = await ledger();
      expect(ledgerSums(tipLedger)).toEqual({ contributions: 7, tips: 5, total: 2_250 });
      if (tipLedger.months.length === 1) {
        expect(tipLedger.months[0]).toMatchObject({ tippedPerMille: 714, average: { amount: 450 }, median: { amount: 300 } });
        expect(run.stdout).toContain('22.50 € in 5 tips over 7 paid pledges');
      }

      // Messages of support, with the names their authors chose to show (or "anonymous").
      const chapel = pages.get('2A');
      const messages = (await api.get(`/api/campaigns/${chapel?.campaignId}/messages`)).body as Messages;
      expect(messages.items.map((item) => item.publicName).sort()).toEqual(['Jeanne Leca', 'Lucie (démo)']);
      const garden = pages.get('971');
      const anonymous = (await api.get(`/api/campaigns/${garden?.campaignId}/messages`)).body as Messages;
      expect(anonymous.items.map((item) => item.publicName)).toEqual(['anonymous']);

      // The cards were charged exactly what the paid pledges and their tips add up to, once.
      const books = await stripeBooks(requireStripe(stack));
      expect(books).toEqual({ captured: CHARGED, refunded: 0, problems: [] });
    },
    SEED_TIMEOUT_MS + 30_000,
  );

  /** The chapel's holder, logged in, and what the API and the emulator show of its payout. */
  const chapelPayout = async () => {
    const holder = await api.account(CHAPEL_HOLDER);
    const chapel = (await livePages()).get('2A');
    if (!chapel) throw new Error('no live demo campaign in 2A');
    const mine = (await api.get('/api/me/payouts', holder).expect(200)).body as MyPayouts;
    const campaign = (await api.get(`/api/campaigns/${chapel.campaignId}/payouts`, holder).expect(200)).body as CampaignPayouts;
    const data = await requireStripe(stack).control.state();
    const stripeAccount = Object.values(data.accounts).find((account) => account.metadata?.['elan_holder_id'] === holder.id);
    const transfers = Object.values(data.transfers).map((t) => ({
      id: t.id,
      amount: t.amount,
      reversed: t.amount_reversed,
      destination: t.destination,
      group: t.transfer_group,
    }));
    return { chapel, mine, campaign, stripeAccount, transfers };
  };

  it('pays the chapel out to its holder: a verified payout account, one statement of its pledges, one Connect transfer', async () => {
    const { chapel, mine, campaign, stripeAccount, transfers } = await chapelPayout();
    expect(stripeAccount?.capabilities?.transfers).toBe('active');
    // One statement, the holder's request, of the four pledges (tips excluded), paid.
    expect(mine.statements).toHaveLength(1);
    const [statement] = mine.statements;
    expect(statement).toMatchObject({
      campaignId: chapel.campaignId,
      sequence: 1,
      trigger: 'holder_request',
      status: 'paid',
      lines: {
        pledgesCollected: { count: 4, amount: { amount: EXPECTED_TOTALS['2A']?.raised, currency: 'EUR' } },
        pledgesRefunded: { count: 0, amount: { amount: 0, currency: 'EUR' } },
        netDue: { amount: 20_000, currency: 'EUR' },
        tips: 'excluded',
      },
      transfer: { transferGroup: `campaign-${chapel.campaignId}` },
      waitingFor: null,
    });
    expect(transfers).toEqual([
      {
        id: statement?.transfer.transferId,
        amount: 20_000,
        reversed: 0,
        destination: stripeAccount?.id,
        group: `campaign-${chapel.campaignId}`,
      },
    ]);
    expect(campaign.statements.map((s) => s.statementId)).toEqual([statement?.statementId]);

    // The seed said where to look.
    expect(firstRun).toContain(`Connect transfer ${statement?.transfer.transferId}`);
    expect(firstRun).toContain('200.00 € for 4 pledges, paid');
    expect(firstRun).toContain(`GET ${stack.url}/api/me/payouts`);
    expect(firstRun).toContain(`POST ${stack.url}/api/admin/reconciliation/runs`);
    expect(firstRun).toMatch(/GET \S+\/api\/campaigns\/[0-9a-f-]{36}\/ledger/);

    // The books: charged − refunded = the standing pledges and tips; the chapel's pledges = transferred + still due.
    expect(await stripeBooks(requireStripe(stack))).toEqual({ captured: CHARGED, refunded: 0, problems: [] });
    expect(campaign.balance.netDue.amount).toBe(0);
    expect(campaign.balance.collected.amount.amount - campaign.balance.refunded.amount.amount).toBe(
      (await stripeTransferred(requireStripe(stack))) + campaign.balance.netDue.amount,
    );
    // The reconciliation the seed points the admin to proves the seeded books against Stripe: nothing to report.
    const reconciled = await api.post('/api/admin/reconciliation/runs', await api.account(stack.admin), {
      idempotencyKey: uniqueIdempotencyKey('seed-reconcile'),
    });
    expect(reconciled.status).toBe(200);
    expect([reconciled.body.run?.ok, reconciled.body.mismatches]).toEqual([true, []]);
  }, 60_000);

  it(
    'adds nothing when run a second time',
    async () => {
      const pagesBefore = totalsOf(await livePages());
      const ledgerBefore = await ledger();
      const payoutBefore = await chapelPayout();
      const run = await seed();

      expect([run.code, run.code === 0 ? '' : `${run.stderr}\n${run.stdout}`]).toEqual([0, '']);
      expect(run.stdout.match(/already there \(live\)/g)).toHaveLength(DEMO_DEPARTEMENTS.length);
      expect(run.stdout).toContain('Nothing to add: 12 demo pledges are there.');
      expect(await catalog(api)).toHaveLength(DEMO_DEPARTEMENTS.length);
      expect(totalsOf(await livePages())).toEqual(pagesBefore);
      expect(pagesBefore).toEqual(EXPECTED_TOTALS);
      expect(await ledger()).toEqual(ledgerBefore);
      expect(await stripeBooks(requireStripe(stack))).toEqual({ captured: CHARGED, refunded: 0, problems: [] });
      // The same payout account, no new statement and no new transfer.
      const payoutAfter = await chapelPayout();
      expect(payoutAfter.mine).toEqual(payoutBefore.mine);
      expect(payoutAfter.transfers).toEqual(payoutBefore.transfers);
      expect(payoutAfter.stripeAccount?.id).toBe(payoutBefore.stripeAccount?.id);
      expect(run.stdout).toContain('200.00 € for 4 pledges, paid');
      expect(run.stdout).not.toContain('asked now');
      expect(await stripeTransferred(requireStripe(stack))).toBe(20_000);
    },
    SEED_TIMEOUT_MS + 30_000,
  );
});

const requireStripe = (stack: Stack) => {
  if (!stack.stripe) throw new Error('the stack runs without payments');
  return stack.stripe;
};
