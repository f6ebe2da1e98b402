/**
 * `npm run seed`: a few demo campaigns and pledges, so that a newcomer's catalog is not empty and
 * its pages show live totals and the tip ledger.
 *
 * Against a running `npm start` (ELAN_URL, default http://localhost:3000), and through the
 * public API only, as any client would: it registers (or logs in) three demo holders, creates
 * five campaigns in five départements — some with reward tiers and stretch goals — submits
 * them, and approves them as the admin that `npm start` creates from ELAN_ADMIN_EMAIL and
 * ELAN_ADMIN_PASSWORD (the same two variables are read here). Each campaign starts a few
 * seconds after it is created and runs for weeks, so the catalog shows them live moments later.
 *
 * Then (scripts/seed/pledges.ts) it waits for them to go live and places a dozen pledges, from a
 * demo contributor, the holders backing each other's campaigns and guests: some anonymous, some
 * with a 0 tip, some with a message. It confirms each card with a Stripe test card through the
 * official SDK, as the contributor's page would with Stripe.js: keep-it-all pledges are paid,
 * all-or-nothing ones save the card. It waits (with a deadline) until the campaign pages count
 * them and the tip ledger shows the tips, and prints both.
 *
 * Then (scripts/seed/payouts.ts) the chapel's holder opens a payout account through the public
 * API; at the emulator, its control API verifies it as Stripe's review would (with real Stripe test
 * keys, the seed prints the onboarding link for the operator to finish, and reports the statement
 * waiting for the account); the holder asks for a statement of the keep-it-all campaign, which the
 * payout service pays by a Connect transfer; the seed waits until it is paid and prints where to
 * look (`GET /api/me/payouts` as that holder, the transfer).
 *
 * Running it again adds nothing: a holder's campaign is recognised by its title, a pledge by its
 * Idempotency-Key (made of the campaign and the pledge's fixed name), and a card is confirmed only
 * when its intent still waits for one; the payout account is the same, and no statement is asked for
 * while nothing is due. A campaign left as a draft or submitted by an interrupted
 * run (or sent back by a moderator) is carried on to approval, with new dates.
 *
 * Environment: ELAN_URL; ELAN_ADMIN_EMAIL, ELAN_ADMIN_PASSWORD (required); SEED_PASSWORD, the
 * demo accounts' password (default below); SEED_STARTS_IN_SECONDS (5). Stripe: STRIPE_SECRET_KEY
 * (a test key) and STRIPE_API_URL, as the services are given them; without a key, `npm start`'s
 * Stripe emulator at http://127.0.0.1:12111 (its default port, STRIPE_EMULATOR_PORT).
 */
import type { ReplyOf, RequestOf, addTier, createCampaign, getCampaign } from '@elan/contracts';
import { Client, type DemoAccount } from './seed/client';
import { emulatorForSeed, payoutSummary, seedPayout } from './seed/payouts';
import { TITLES, demoPledges, liveCampaigns, seedPledges, settledTotals, stripeForSeed, summary } from './seed/pledges';

const DEFAULT_URL = 'http://localhost:3000';
const DEFAULT_HOLDER_PASSWORD = 'élan demo holder password';
const DAY_MS = 24 * 60 * 60 * 1000;

const eur = (euros: number) => ({ amount: euros * 100, currency: 'EUR' });

type DemoHolder = DemoAccount;

/** The body of `POST /api/campaigns` without the dates, set at each run; stretch goal ids are the gateway's. */
type DemoDraft = Omit<RequestOf<typeof createCampaign>, 'actor' | 'campaignId' | 'startsAt' | 'deadline' | 'stretchGoals'> & {
  readonly stretchGoals?: readonly { readonly amount: { amount: number; currency: string }; readonly description: string }[];
};

/** The body of `POST /api/campaigns/{id}/tiers`: the gateway picks the id; no quantity means unlimited. */
type DemoTier = Omit<RequestOf<typeof addTier>['tier'], 'tierId' | 'quantityLimit'> & { readonly quantityLimit?: number };

interface DemoCampaign {
  readonly holder: DemoHolder;
  readonly weeks: number;
  readonly draft: DemoDraft;
  readonly tiers: readonly DemoTier[];
}

const claire: DemoHolder = { email: 'claire.demo@example.org', displayName: 'Claire (démo)' };
const paulu: DemoHolder = { email: 'paulu.demo@example.org', displayName: 'Paulu (démo)' };
const maryse: DemoHolder = { email: 'maryse.demo@example.org', displayName: 'Maryse (démo)' };

const DEMO_CAMPAIGNS: readonly DemoCampaign[] = [
  {
    holder: claire,
    weeks: 4,
    draft: {
      title: TITLES.four,
      summary: 'Un four à bois partagé, où les voisins cuisent leur pain et les écoles viennent apprendre.',
      // Issue #12: shown first on its page, "facile à lire et à comprendre" (ADR 0033).
      plainLanguageSummary:
        'Dans notre rue, il y a un vieux four à pain. Il ne marche plus. Nous voulons le réparer. ' +
        'Tout le monde pourra y cuire son pain, deux jours par semaine. Les enfants des écoles viendront apprendre.',
      story:
        'Le vieux four de la rue des Capucins dort depuis trente ans. Nous voulons le restaurer et l’ouvrir à tous, deux jours par semaine.',
      category: 'food',
      fundingModel: 'all_or_nothing',
      location: { departement: '62', commune: 'Arras' },
      goal: eur(8_000),
      stretchGoals: [{ amount: eur(10_000), description: 'Un pétrin mécanique pour les fournées des écoles' }],
    },
    tiers: [
      {
        minimumAmount: eur(15),
        title: 'Une miche de la première fournée',
        description: 'À retirer au four le jour de l’inauguration.',
      },
      {
        minimumAmount: eur(40),
        title: 'Un atelier pain au levain',
        description: 'Trois heures avec notre boulangère.',
        quantityLimit: 30,
        estimatedDelivery: '2027-03',
      },
    ],
  },
  {
    holder: paulu,
    weeks: 6,
    draft: {
      title: TITLES.chapelle,
      summary: 'Refaire la toiture de lauzes d’une chapelle romane avant l’hiver.',
      story:
        'La chapelle domine le golfe depuis le XIIe siècle. Les infiltrations menacent les fresques : l’association du village relance le chantier.',
      category: 'heritage',
      fundingModel: 'keep_it_all',
      location: { departement: '2A', commune: 'Ajaccio' },
      goal: eur(25_000),
    },
    tiers: [
      { minimumAmount: eur(20), title: 'Une visite guidée du chantier', description: 'Avec l’architecte du patrimoine.' },
      {
        minimumAmount: eur(50),
        title: 'Votre nom sur le registre des donateurs',
        description: 'Gravé sur la plaque de l’entrée.',
        quantityLimit: 200,
      },
    ],
  },
  {
    holder: maryse,
    weeks: 5,
    draft: {
      title: TITLES.jardin,
      summary: 'Des parcelles cultivées ensemble, des semences échangées, des récoltes partagées.',
      story:
        'Sur une friche du quartier de Lauricisque, nous plantons un jardin créole : ignames, giraumons, plantes médicinales et arbres fruitiers.',
      category: 'environment',
      fundingModel: 'all_or_nothing',
      location: { departement: '971', commune: 'Pointe-à-Pitre' },
      goal: eur(6_000),
      stretchGoals: [
        { amount: eur(7_500), description: 'Un récupérateur d’eau de pluie' },
        { amount: eur(9_000), description: 'Un abri ombragé pour les ateliers des enfants' },
      ],
    },
    tiers: [{ minimumAmount: eur(10), title: 'Un plant de la pépinière', description: 'À choisir le jour de la plantation.' }],
  },
  {
    holder: claire,
    weeks: 3,
    draft: {
      title: TITLES.ressourcerie,
      summary: 'Collecter, réparer et revendre ce qui finirait à la déchetterie, en créant trois emplois.',
      story: 'Meubles, vélos, vaisselle : tout peut revivre. Il nous manque le local et l’outillage de l’atelier.',
      category: 'solidarity',
      fundingModel: 'keep_it_all',
      location: { departement: '33', commune: 'Bègles' },
      goal: eur(12_000),
    },
    tiers: [],
  },
  {
    holder: paulu,
    weeks: 8,
    draft: {
      title: TITLES.festival,
      summary: 'Trois jours de bals, de concerts et d’ateliers dans la capitale de l’accordéon.',
      story:
        'Pour sa première édition, le festival invite des musiciens de toute l’Europe et ouvre des ateliers aux collégiens du département.',
      category: 'culture',
      fundingModel: 'all_or_nothing',
      location: { departement: '19', commune: 'Tulle' },
      goal: eur(15_000),
      stretchGoals: [{ amount: eur(20_000), description: 'Un quatrième jour, gratuit, sur la place de la cathédrale' }],
    },
    tiers: [
      {
        minimumAmount: eur(25),
        title: 'Un pass trois jours',
        description: 'Accès à tous les concerts.',
        quantityLimit: 300,
        estimatedDelivery: '2027-06',
      },
      {
        minimumAmount: eur(60),
        title: 'Un pass et une initiation',
        description: 'Une heure avec un accordéoniste du festival.',
        quantityLimit: 40,
      },
    ],
  },
];

type CampaignPage = ReplyOf<typeof getCampaign>;

/** The keep-it-all demo campaign the seed pays out, and its holder. */
const PAID_OUT = TITLES.chapelle;
const PAID_OUT_HOLDER = paulu;

const datesFrom = (startsInMs: number, weeks: number) => {
  const startsAt = Date.now() + startsInMs;
  return { startsAt: new Date(startsAt).toISOString(), deadline: new Date(startsAt + weeks * 7 * DAY_MS).toISOString() };
};

/** Creates the campaign, or carries on the one a previous run left; answers its id and what it did. */
async function seedCampaign(
  client: Client,
  demo: DemoCampaign,
  holderToken: string,
  adminToken: string,
  startsInMs: number,
): Promise<{ campaignId: string; outcome: string }> {
  const existing = (await client.campaignsOf(holderToken)).find((card) => card.title === demo.draft.title);
  if (existing && existing.status !== 'draft' && existing.status !== 'submitted')
    return { campaignId: existing.campaignId, outcome: `already there (${existing.status})` };

  let campaignId = existing?.campaignId;
  let tierTitles = new Set<string>();
  if (campaignId === undefined) {
    const created = await client.call<{ campaignId: string }>('POST', '/api/campaigns', {
      token: holderToken,
      body: { ...demo.draft, ...datesFrom(startsInMs, demo.weeks) },
    });
    campaignId = created.campaignId;
  } else if (existing?.status === 'draft') {
    const page = await client.call<CampaignPage>('GET', `/api/campaigns/${campaignId}`, { token: holderToken });
    tierTitles = new Set(page.tiers.map((tier) => tier.title));
    await client.call('PATCH', `/api/campaigns/${campaignId}`, { token: holderToken, body: datesFrom(startsInMs, demo.weeks) });
  }
  const campaign = `/api/campaigns/${campaignId}`;
  if (existing?.status !== 'submitted') {
    for (const tier of demo.tiers.filter((tier) => !tierTitles.has(tier.title)))
      await client.call('POST', `${campaign}/tiers`, { token: holderToken, body: tier });
    await client.call('POST', `${campaign}/submit`, { token: holderToken });
  }
  await client.call('POST', `${campaign}/approve`, { token: adminToken });
  return {
    campaignId,
    outcome: existing ? `carried on to approval (was ${existing.status})` : 'created, submitted and approved',
  };
}

async function main(): Promise<void> {
  const url = (process.env.ELAN_URL ?? DEFAULT_URL).replace(/\/+$/, '');
  const { ELAN_ADMIN_EMAIL, ELAN_ADMIN_PASSWORD } = process.env;
  if (!ELAN_ADMIN_EMAIL || !ELAN_ADMIN_PASSWORD)
    throw new Error(
      'set ELAN_ADMIN_EMAIL and ELAN_ADMIN_PASSWORD, the same as for `npm start` (which creates that admin): ' +
        'the demo campaigns are approved by it',
    );
  const demoPassword = process.env.SEED_PASSWORD ?? DEFAULT_HOLDER_PASSWORD;
  const startsInMs = Number(process.env.SEED_STARTS_IN_SECONDS ?? '5') * 1000;
  if (!Number.isFinite(startsInMs) || startsInMs <= 0) throw new Error('SEED_STARTS_IN_SECONDS must be a positive number');
  const stripe = stripeForSeed(process.env);

  const client = new Client(url);
  console.log(`Seeding demo campaigns into ${url}…`);
  const adminToken = await client.logIn(ELAN_ADMIN_EMAIL, ELAN_ADMIN_PASSWORD).catch((error: unknown) => {
    throw new Error(`the admin ${ELAN_ADMIN_EMAIL} cannot log in (${error instanceof Error ? error.message : String(error)})`);
  });
  const sessions = new Map<DemoAccount, string>();
  const sessionOf = async (account: DemoAccount): Promise<string> => {
    const token = sessions.get(account) ?? (await client.demoSession(account, demoPassword));
    sessions.set(account, token);
    return token;
  };
  const campaigns = new Map<string, string>();
  let approved = 0;
  for (const demo of DEMO_CAMPAIGNS) {
    const { campaignId, outcome } = await seedCampaign(client, demo, await sessionOf(demo.holder), adminToken, startsInMs);
    campaigns.set(demo.draft.title, campaignId);
    if (!outcome.startsWith('already there')) approved += 1;
    console.log(`  ${demo.draft.location.departement.padEnd(3)} ${demo.draft.title}: ${outcome}`);
  }
  console.log(
    approved === 0
      ? `Nothing to add: every demo campaign is there. ${url}/api/campaigns`
      : `Done: ${approved} approved, live in about ${startsInMs / 1000} s at ${url}/api/campaigns?status=live`,
  );

  const pledges = demoPledges({ claire, paulu, maryse });
  console.log(`Pledging on the live demo campaigns (${pledges.length} pledges, cards confirmed with a test card)…`);
  const pages = await liveCampaigns(client, campaigns, startsInMs);
  const { seeded, placed, already } = await seedPledges(
    { client, stripe, env: process.env, campaigns, sessionOf },
    pledges,
    pages,
  );
  console.log(
    placed === 0
      ? `Nothing to add: ${already} demo pledges are there.`
      : `Done: ${placed} pledges placed, ${already} already there.`,
  );
  const settled = await settledTotals(client, seeded);
  for (const line of summary(settled.pages, settled.ledger)) console.log(line);

  // The chapel's holder is paid its pledges, so a newcomer sees a statement and its Connect transfer.
  const paidOut = campaigns.get(PAID_OUT);
  const paidOutPage = paidOut === undefined ? undefined : settled.pages.get(paidOut);
  if (paidOut !== undefined && paidOutPage !== undefined) {
    console.log(`Paying out “${PAID_OUT}” to its holder (payout account, statement, Connect transfer)…`);
    const seeding = {
      client,
      holder: { token: await sessionOf(PAID_OUT_HOLDER), email: PAID_OUT_HOLDER.email },
      campaign: { campaignId: paidOut, title: PAID_OUT, raised: paidOutPage.raised.amount },
      emulator: emulatorForSeed(process.env),
    };
    for (const line of payoutSummary(seeding, await seedPayout(seeding), url)) console.log(line);
  }
  const accounts = [...sessions.keys()].map((account) => account.email).join(', ');
  console.log(`Demo accounts: ${accounts}; their password is SEED_PASSWORD, or the default in scripts/seed.ts.`);
}

main().catch((error: unknown) => {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
