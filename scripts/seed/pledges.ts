import Stripe from 'stripe';
import type { PledgeView, ReplyOf, getCampaign, getTipLedger } from '@elan/contracts';
import { stripeConnectionFromEnv } from '@elan/payments';
import { waitUntil } from '@elan/testing';
import { Client, type DemoAccount } from './client';

/**
 * The demo pledges of `npm run seed`: a dozen on the live demo campaigns, from demo accounts and
 * from guests, some anonymous, some without a tip, some with a message of support. Each is
 * placed through the public API with an Idempotency-Key made of the campaign and the pledge's
 * fixed name, so a second run gets the same pledge and intent back; its card is confirmed with
 * the official Stripe SDK, as the contributor's page does with Stripe.js, only when the intent
 * still waits for one. Keep-it-all pledges are paid at once (and their tips reach the tip
 * ledger); all-or-nothing ones save the card, to be charged if the campaign succeeds.
 */

/** The test card every demo pledge is confirmed with (a Stripe test payment method id). */
const TEST_CARD = 'pm_card_visa';
/** Where `npm start` runs its Stripe emulator unless STRIPE_EMULATOR_PORT says otherwise. */
export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:12111';
/** The emulator accepts any `sk_test_` key. */
const EMULATOR_KEY = 'sk_test_elan_seed';
/** How long the seed waits for a campaign to go live, then for payments to show on the pages. */
const SETTLE_TIMEOUT_MS = 30_000;
/** Pledge statuses that still wait for the card or for Stripe's webhook. */
const WAITING = new Set<PledgeView['status']>(['placed', 'awaiting_payment', 'awaiting_card_setup']);

type CampaignPage = ReplyOf<typeof getCampaign>;
type TipLedger = ReplyOf<typeof getTipLedger>;

const eur = (value: number) => ({ amount: Math.round(value * 100), currency: 'EUR' });
const euros = (money: { amount: number }): string => `${(money.amount / 100).toFixed(2)} €`;

/** A contributor: a demo account (logged in) or a guest with a name and an e-mail address. */
export type DemoContributor = { readonly account: DemoAccount } | { readonly guest: { name: string; email: string } };

export interface DemoPledge {
  /** Fixed for ever: the Idempotency-Key, and so the pledge id, is made from it. */
  readonly key: string;
  /** The demo campaign backed, by title. */
  readonly campaign: string;
  readonly from: DemoContributor;
  readonly euros: number;
  readonly tipEuros: number;
  /** The demo tier chosen, by title. */
  readonly tier?: string;
  readonly showName: boolean;
  readonly message?: string;
}

export const lucie: DemoAccount = { email: 'lucie.demo@example.org', displayName: 'Lucie (démo)' };

/** The demo contributors that are guests: no account, a private link each. */
const guest = (name: string, email: string): DemoContributor => ({ guest: { name, email } });

/** Titles of the demo campaigns in scripts/seed.ts. */
export const TITLES = {
  four: 'Un four à pain pour le quartier Saint-Géry',
  chapelle: 'Restaurer la chapelle San Ghjuvanni',
  jardin: 'Un jardin créole partagé à Pointe-à-Pitre',
  ressourcerie: 'Une ressourcerie associative à Bègles',
  festival: 'Le festival d’accordéon de Tulle',
} as const;

/**
 * The pledges, given the demo holders (who back each other's campaigns, never their own). Twelve:
 * seven on the two keep-it-all campaigns (paid, five of them tipped), five on all-or-nothing ones
 * (card saved); four anonymous, four with a 0 tip, six with a message.
 */
export const demoPledges = (holders: { claire: DemoAccount; paulu: DemoAccount; maryse: DemoAccount }): DemoPledge[] => [
  {
    key: 'lucie-chapelle',
    campaign: TITLES.chapelle,
    from: { account: lucie },
    euros: 50,
    tipEuros: 5,
    tier: 'Votre nom sur le registre des donateurs',
    showName: true,
    message: 'Ma grand-mère s’est mariée dans cette chapelle. Tenez bon !',
  },
  {
    key: 'jeanne-chapelle',
    campaign: TITLES.chapelle,
    from: guest('Jeanne Leca', 'jeanne.leca.demo@example.org'),
    euros: 20,
    tipEuros: 0,
    tier: 'Une visite guidée du chantier',
    showName: true,
    message: 'Hâte de voir les fresques sauvées.',
  },
  {
    key: 'claire-chapelle',
    campaign: TITLES.chapelle,
    from: { account: holders.claire },
    euros: 100,
    tipEuros: 10,
    showName: false,
  },
  {
    key: 'antoine-chapelle',
    campaign: TITLES.chapelle,
    from: guest('Antoine Santoni', 'antoine.santoni.demo@example.org'),
    euros: 30,
    tipEuros: 3,
    showName: false,
  },
  {
    key: 'maryse-ressourcerie',
    campaign: TITLES.ressourcerie,
    from: { account: holders.maryse },
    euros: 40,
    tipEuros: 0,
    showName: true,
    message: 'Réparer plutôt que jeter : bravo !',
  },
  {
    key: 'nadia-ressourcerie',
    campaign: TITLES.ressourcerie,
    from: guest('Nadia Benali', 'nadia.benali.demo@example.org'),
    euros: 15,
    tipEuros: 2,
    showName: true,
  },
  {
    key: 'paulu-ressourcerie',
    campaign: TITLES.ressourcerie,
    from: { account: holders.paulu },
    euros: 25,
    tipEuros: 2.5,
    showName: false,
  },
  {
    key: 'lucie-four',
    campaign: TITLES.four,
    from: { account: lucie },
    euros: 40,
    tipEuros: 4,
    tier: 'Un atelier pain au levain',
    showName: true,
    message: 'Je viendrai avec mes enfants pétrir la première fournée.',
  },
  {
    key: 'bernard-four',
    campaign: TITLES.four,
    from: guest('Bernard Lefebvre', 'bernard.lefebvre.demo@example.org'),
    euros: 15,
    tipEuros: 0,
    tier: 'Une miche de la première fournée',
    showName: false,
  },
  {
    key: 'claire-jardin',
    campaign: TITLES.jardin,
    from: { account: holders.claire },
    euros: 30,
    tipEuros: 3,
    tier: 'Un plant de la pépinière',
    showName: true,
  },
  {
    key: 'lea-jardin',
    campaign: TITLES.jardin,
    from: guest('Léa Zébus', 'lea.zebus.demo@example.org'),
    euros: 10,
    tipEuros: 0,
    tier: 'Un plant de la pépinière',
    showName: false,
    message: 'Pour que les enfants du quartier connaissent les plantes de leurs grands-parents.',
  },
  {
    key: 'maryse-festival',
    campaign: TITLES.festival,
    from: { account: holders.maryse },
    euros: 60,
    tipEuros: 6,
    tier: 'Un pass et une initiation',
    showName: true,
    message: 'Enfin un festival à la hauteur de la capitale de l’accordéon !',
  },
];

/**
 * The official SDK, pointed where the services point it: STRIPE_SECRET_KEY and STRIPE_API_URL
 * when set (as `npm start` gives its services); otherwise `npm start`'s emulator on its default
 * port. Demo pledges are confirmed with a test card: a live key is refused.
 */
export function stripeForSeed(env: NodeJS.ProcessEnv): Stripe {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  const connection = stripeConnectionFromEnv(
    secretKey ? env : { ...env, STRIPE_SECRET_KEY: EMULATOR_KEY, STRIPE_API_URL: env.STRIPE_API_URL ?? DEFAULT_EMULATOR_URL },
  );
  if (!connection) throw new Error('no Stripe connection');
  if (connection.secretKey.includes('_live_'))
    throw new Error('STRIPE_SECRET_KEY is a live key: the seed only pays with test cards, give it a test key (sk_test_…)');
  return new Stripe(connection.secretKey, {
    ...(connection.host !== undefined && { host: connection.host }),
    ...(connection.port !== undefined && { port: connection.port }),
    ...(connection.protocol !== undefined && { protocol: connection.protocol }),
  });
}

/** Where the SDK goes, to name it in an error. */
const whereStripeIs = (env: NodeJS.ProcessEnv): string =>
  env.STRIPE_SECRET_KEY?.trim() && !env.STRIPE_API_URL
    ? 'the Stripe API'
    : `the Stripe emulator at ${env.STRIPE_API_URL ?? DEFAULT_EMULATOR_URL}`;

interface PlacedPledge {
  readonly pledge: PledgeView;
  readonly payment: { readonly kind: 'payment' | 'card_setup'; readonly intentId: string };
  readonly guestToken?: string;
}

/** What the contributor's page does: confirm the intent with a card, unless an earlier run did. */
async function confirmCard(stripe: Stripe, payment: PlacedPledge['payment']): Promise<'confirmed' | 'already' | 'abandoned'> {
  const { intentId, kind } = payment;
  const intent =
    kind === 'payment' ? await stripe.paymentIntents.retrieve(intentId) : await stripe.setupIntents.retrieve(intentId);
  if (intent.status === 'succeeded' || intent.status === 'processing') return 'already';
  if (intent.status === 'canceled') return 'abandoned';
  const confirmed =
    kind === 'payment'
      ? await stripe.paymentIntents.confirm(intentId, { payment_method: TEST_CARD })
      : await stripe.setupIntents.confirm(intentId, { payment_method: TEST_CARD });
  if (confirmed.status !== 'succeeded' && confirmed.status !== 'processing')
    throw new Error(`the test card left ${kind} intent ${intentId} ${confirmed.status}`);
  return 'confirmed';
}

/** A seeded pledge, and who may look at it. */
interface Seeded {
  readonly demo: DemoPledge;
  readonly campaignId: string;
  readonly pledgeId: string;
  readonly viewer: { token: string } | { guestToken: string };
}

export interface PledgeSeeding {
  readonly client: Client;
  readonly stripe: Stripe;
  readonly env: NodeJS.ProcessEnv;
  /** Campaign ids by title. */
  readonly campaigns: ReadonlyMap<string, string>;
  /** A logged-in session of a demo account. */
  readonly sessionOf: (account: DemoAccount) => Promise<string>;
}

export const campaignPage = (client: Client, campaignId: string): Promise<CampaignPage> =>
  client.call<CampaignPage>('GET', `/api/campaigns/${campaignId}`);

/** Waits (polling, with a deadline) until every demo campaign that is approved has gone live. */
export async function liveCampaigns(
  client: Client,
  campaigns: ReadonlyMap<string, string>,
  startsInMs: number,
): Promise<Map<string, CampaignPage>> {
  const pages = new Map<string, CampaignPage>();
  for (const [title, campaignId] of campaigns) {
    const page = await waitUntil(
      async () => {
        const current = await campaignPage(client, campaignId);
        return current.status === 'approved' ? undefined : current;
      },
      { timeoutMs: startsInMs + SETTLE_TIMEOUT_MS, intervalMs: 250, description: `“${title}” goes live` },
    );
    pages.set(title, page);
  }
  return pages;
}

/**
 * Places the demo pledges on the live demo campaigns (a campaign no longer live is skipped, as
 * a contributor would find it closed), confirms their cards, and waits until each left the
 * states that wait for the card or Stripe's webhook. Answers the pledges seeded and what it did.
 */
export async function seedPledges(
  seeding: PledgeSeeding,
  demos: readonly DemoPledge[],
  pages: ReadonlyMap<string, CampaignPage>,
): Promise<{ seeded: Seeded[]; placed: number; already: number }> {
  const { client, stripe } = seeding;
  const seeded: Seeded[] = [];
  let placed = 0;
  let already = 0;
  for (const demo of demos) {
    const campaignId = seeding.campaigns.get(demo.campaign);
    const page = pages.get(demo.campaign);
    if (campaignId === undefined || page === undefined) throw new Error(`no demo campaign “${demo.campaign}”`);
    if (page.status !== 'live') {
      console.log(`  ${demo.key}: skipped, the campaign is ${page.status}`);
      continue;
    }
    const tierId = demo.tier === undefined ? undefined : page.tiers.find((tier) => tier.title === demo.tier)?.tierId;
    if (demo.tier !== undefined && tierId === undefined) throw new Error(`“${demo.campaign}” has no tier “${demo.tier}”`);
    const token = 'account' in demo.from ? await seeding.sessionOf(demo.from.account) : undefined;
    const body = {
      amount: eur(demo.euros),
      tip: eur(demo.tipEuros),
      showName: demo.showName,
      ...(tierId !== undefined && { tierId }),
      ...(demo.message !== undefined && { message: demo.message }),
      ...('guest' in demo.from && demo.from.guest),
    };
    const answer = await client.call<PlacedPledge>('POST', `/api/campaigns/${campaignId}/pledges`, {
      ...(token !== undefined && { token }),
      body,
      headers: { 'Idempotency-Key': `elan-seed-${campaignId}-${demo.key}` },
    });
    const viewer = token !== undefined ? { token } : { guestToken: answer.guestToken ?? '' };
    if (token === undefined && !answer.guestToken) throw new Error(`the guest pledge ${demo.key} came back without its token`);
    const card = await confirmCard(stripe, answer.payment).catch((error: unknown) => {
      throw new Error(
        `confirming ${demo.key} with ${whereStripeIs(seeding.env)} failed (${error instanceof Error ? error.message : String(error)}); ` +
          'is `npm start` running, with its emulator on the default port? See STRIPE_API_URL in scripts/seed.ts',
      );
    });
    if (card === 'confirmed') placed += 1;
    else already += 1;
    const tip = demo.tipEuros === 0 ? 'no tip' : `tip ${euros(eur(demo.tipEuros))}`;
    const what =
      card === 'confirmed'
        ? answer.payment.kind === 'payment'
          ? 'paid'
          : 'card saved'
        : card === 'already'
          ? 'already there'
          : 'abandoned by an earlier run';
    console.log(
      `  ${demo.key.padEnd(20)} ${String(demo.euros).padStart(4)} € + ${tip}${demo.showName ? '' : ', anonymous'}: ${what}`,
    );
    seeded.push({ demo, campaignId, pledgeId: answer.pledge.pledgeId, viewer });
  }
  return { seeded, placed, already };
}

const pledgeView = (client: Client, seeded: Seeded): Promise<PledgeView> =>
  client.call<PledgeView>('GET', `/api/pledges/${seeded.pledgeId}`, {
    ...('token' in seeded.viewer ? { token: seeded.viewer.token } : { headers: { 'X-Guest-Token': seeded.viewer.guestToken } }),
  });

const sumOf = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/**
 * Waits (polling, with a deadline) until Stripe's webhooks have moved every seeded pledge on, the
 * campaign pages count the committed ones, and the tip ledger the paid ones; answers the pages
 * and the ledger, to print.
 */
export async function settledTotals(
  client: Client,
  seeded: readonly Seeded[],
): Promise<{ pages: Map<string, CampaignPage>; ledger: TipLedger }> {
  const views = await waitUntil(
    async () => {
      const all = await Promise.all(seeded.map((pledge) => pledgeView(client, pledge)));
      return all.every((view) => !WAITING.has(view.status)) ? all : undefined;
    },
    { timeoutMs: SETTLE_TIMEOUT_MS, intervalMs: 250, description: 'Stripe’s webhooks reach every demo pledge' },
  );
  const committed = seeded.filter((_pledge, index) => views[index]?.status === 'committed');
  const pages = new Map<string, CampaignPage>();
  for (const campaignId of new Set(seeded.map((pledge) => pledge.campaignId))) {
    const ours = committed.filter((pledge) => pledge.campaignId === campaignId);
    const cents = sumOf(ours.map((pledge) => eur(pledge.demo.euros).amount));
    const page = await waitUntil(
      async () => {
        const current = await campaignPage(client, campaignId);
        return current.committed.amount >= cents && current.backers >= ours.length ? current : undefined;
      },
      { timeoutMs: SETTLE_TIMEOUT_MS, intervalMs: 250, description: `the page of campaign ${campaignId} shows its demo pledges` },
    );
    pages.set(campaignId, page);
  }
  const paid = committed.filter((pledge) => pages.get(pledge.campaignId)?.fundingModel === 'keep_it_all');
  const tips = paid.filter((pledge) => pledge.demo.tipEuros > 0);
  const ledger = await waitUntil(
    async () => {
      const current = await client.call<TipLedger>('GET', '/api/tips/ledger?currency=EUR');
      const months = current.months;
      const counted =
        sumOf(months.map((month) => month.contributions)) >= paid.length &&
        sumOf(months.map((month) => month.tips)) >= tips.length &&
        sumOf(months.map((month) => month.total.amount)) >= sumOf(tips.map((pledge) => eur(pledge.demo.tipEuros).amount));
      return counted ? current : undefined;
    },
    { timeoutMs: SETTLE_TIMEOUT_MS, intervalMs: 250, description: 'the tip ledger counts the paid demo pledges' },
  );
  return { pages, ledger };
}

/** The short summary a newcomer reads: each campaign's totals, then the tip ledger. */
export function summary(pages: ReadonlyMap<string, CampaignPage>, ledger: TipLedger): string[] {
  const lines = ['Campaign totals (committed / raised, backers, % of goal):'];
  for (const page of pages.values())
    lines.push(
      `  ${page.departement.padEnd(3)} ${page.title}: ${euros(page.committed)} / ${euros(page.raised)}, ` +
        `${page.backers} backer${page.backers === 1 ? '' : 's'}, ${page.percentOfGoal ?? 0} % (${page.fundingModel})`,
    );
  lines.push('Tip ledger (GET /api/tips/ledger):');
  if (ledger.months.length === 0) lines.push('  no paid pledge yet');
  for (const month of ledger.months)
    lines.push(
      `  ${month.month}: ${euros(month.total)} in ${month.tips} tip${month.tips === 1 ? '' : 's'} over ` +
        `${month.contributions} paid pledge${month.contributions === 1 ? '' : 's'} (${month.tippedPerMille / 10} % tipped), ` +
        `average ${month.average ? euros(month.average) : '—'}, median ${month.median ? euros(month.median) : '—'}`,
    );
  return lines;
}
