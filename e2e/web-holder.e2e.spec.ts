import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitUntil } from '@elan/testing';
import { PASSWORD, type Account, type Api } from './support/api';
import { ON_TIME_MS, READ_MODEL_LAG_MS, pageOnceItHolds, step } from './support/campaigns';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';
import {
  launchChromium,
  logInThroughPage,
  screenshots,
  startWebFront,
  wcagViolations,
  type RunningWebFront,
} from './web-browser';

const TITLE = 'Un four à pain pour le village';
const UPDATE = { title: 'Le maçon est trouvé', body: 'Il commence lundi, la première fournée suit.' };
/** The header line of the backers' CSV (the gateway's `BACKERS_CSV_HEADER`). */
const BACKERS_CSV_HEADER = 'name,email,amount,currency,tier,date,status';
/** How far ahead the campaign opens once its schedule is set: submission and approval come first on a busy machine. */
const OPENS_IN_MS = 8_000;
/** Each step visits several pages, runs axe on each in two languages and photographs them, on a machine shared with other runs. */
const STEP_TIMEOUT_MS = 240_000;

/** An instant as a `datetime-local` field takes it in Paris time, seconds included. */
const parisLocal = (instant: number): string =>
  new Date(instant).toLocaleString('sv-SE', { timeZone: 'Europe/Paris' }).replace(' ', 'T');

/**
 * The holder's pages in Debian's chromium against a real stack with the pledge, payout services
 * and the Stripe emulator: a holder creates a campaign through the form (refused first without a
 * goal), previews it, adds a tier, sets its schedule and submits it; a moderator approves it
 * through the API; once live, the holder posts an update and sees it on the public page, exports
 * the backers' CSV, and opens a payout account at the emulator's onboarding. Every page is checked
 * by axe-core (WCAG 2.1 AA) and photographed, in French and English.
 */
describe('the holder’s pages, in a browser', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let moderator: Account;
  let web: RunningWebFront | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let campaignId = '';

  beforeAll(async () => {
    ({
      stack,
      api,
      accounts: { holder, moderator },
    } = await startStack('web_holder', { members: ['holder'], moderators: ['moderator'] }, { payments: true }));
    // The payout account's form goes on to the emulator's onboarding: its page's form-action allows that origin.
    process.env.WEB_ONBOARDING_ORIGIN = new URL(stack.payments.url).origin;
    const settled = await Promise.allSettled([
      startWebFront(stack.url).then((started) => (web = started)),
      launchChromium().then((launched) => (browser = launched)),
    ]);
    const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    if (!browser) throw new Error('no browser');
    context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await stack?.stop();
  });

  const webUrl = (path: string): string => `${web?.url ?? ''}${path}`;
  const heading = (on: Page = page) => on.locator('h1').innerText();
  const mainText = async (on: Page = page) => (await on.locator('main').innerText()).replace(/[\u00a0\u202f]/g, ' ');

  /** axe-core finds nothing on the page as it is, and it is photographed at 360 and 1280 px. */
  const audit = async (on: Page, name: string): Promise<void> => {
    expect(await wcagViolations(on)).toEqual([]);
    await screenshots(on, `holder-${name}`);
    await on.setViewportSize({ width: 1280, height: 800 });
  };

  /** The page in its language, then the same page in the other language (a GET of the same path). */
  const auditBothLanguages = async (name: string): Promise<void> => {
    const url = new URL(page.url());
    const [, locale = 'fr'] = url.pathname.split('/');
    const other = locale === 'fr' ? 'en' : 'fr';
    await audit(page, `${name}-${locale}`);
    const twin = await page.context().newPage();
    try {
      const response = await twin.goto(url.toString().replace(`/${locale}/`, `/${other}/`));
      expect(response?.status()).toBe(200);
      expect(await twin.locator('html').getAttribute('lang')).toBe(other);
      await audit(twin, `${name}-${other}`);
    } finally {
      await twin.close();
    }
  };

  it(
    'creates a campaign through the form — refused first without a goal — and previews it',
    async () => {
      await logInThroughPage(page, web?.url ?? '', { email: holder.email, password: PASSWORD }, 'fr', '/fr/holder/campaigns');
      expect(await heading()).toBe('Mes campagnes');
      expect(await mainText()).toContain('Vous n’avez pas encore de campagne.');
      await auditBothLanguages('list-empty');

      await page.getByRole('link', { name: 'Créer une campagne' }).click();
      await page.waitForURL('**/fr/holder/campaigns/new');
      expect(await heading()).toBe('Créer une campagne');
      await auditBothLanguages('new');

      await page.getByLabel('Titre').fill(TITLE);
      await page.getByLabel('Résumé').fill('Un four collectif, cuit au bois, ouvert à tous les habitants.');
      await page
        .getByLabel('L’histoire du projet')
        .fill('Le four banal est tombé en ruine.\n\nNous voulons le rebâtir ensemble.');
      await page.getByLabel('Catégorie').selectOption('food');
      await page.getByLabel('Département').selectOption('62');
      await page.getByLabel('Commune').fill('Arras');
      await page.getByLabel(/^Tout ou rien/).check();
      const refused = page.waitForResponse((response) => response.request().method() === 'POST');
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      expect((await refused).status()).toBe(400);
      // The form again, as typed, with the error first and linked to its field.
      await expect(page.getByRole('alert').innerText()).resolves.toContain('Objectif (en euros) : Indiquez l’objectif en euros.');
      expect(await page.getByLabel('Titre').inputValue()).toBe(TITLE);
      await page.getByRole('link', { name: /Objectif \(en euros\) : / }).click();
      expect(await page.evaluate('document.activeElement.id')).toBe('f-goal');
      expect(await page.getByLabel('Objectif (en euros)').getAttribute('aria-invalid')).toBe('true');
      await audit(page, 'new-refused-fr');

      await page.getByLabel('Objectif (en euros)').fill('5 000,50');
      await page.getByRole('button', { name: 'Enregistrer et prévisualiser' }).click();
      await page.waitForURL(/\/fr\/holder\/campaigns\/[0-9a-f-]{36}\/preview\?done=created$/);
      campaignId = /campaigns\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? '';
      expect(await heading()).toBe(TITLE);
      const preview = await mainText();
      expect(preview).toContain('Aperçu');
      expect(preview).toContain('Cette page n’est pas encore publique');
      expect(preview).toContain('5 000,50 €');
      expect(await page.title()).toBe(`Aperçu : ${TITLE} — Élan`);
      await auditBothLanguages('preview');
      // Nothing of it is public: the API's catalog page of the campaign is a 404 to anyone else.
      expect((await api.get(`/api/campaigns/${campaignId}`)).status).toBe(404);

      // The same refusal in English.
      const english = await page.context().newPage();
      await english.goto(webUrl('/en/holder/campaigns/new'));
      await english.getByLabel('Title').fill('Another');
      await english.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(english.getByRole('alert').innerText()).resolves.toContain('Goal (in euros): Enter the goal in euros.');
      await audit(english, 'new-refused-en');
      await english.close();
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'adds a tier and a stretch goal, sets the schedule and submits the campaign',
    async () => {
      await page.goto(webUrl(`/fr/holder/campaigns/${campaignId}`));
      expect(await heading()).toBe(TITLE);
      expect(await mainText()).toContain('Brouillon');
      await auditBothLanguages('draft');

      await page.getByRole('link', { name: 'Ajouter une contrepartie' }).click();
      await page.waitForURL(`**/holder/campaigns/${campaignId}/tiers/new`);
      await auditBothLanguages('tier-new');
      await page.getByLabel('Titre').fill('Une miche');
      await page.getByLabel('Description').fill('Une miche de la première fournée.');
      await page.getByLabel('Contribution minimale (en euros)').fill('25');
      await page.getByLabel('Quantité disponible').fill('20');
      await page.getByLabel('Livraison estimée').fill('2027-03');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL(`**/holder/campaigns/${campaignId}?done=tier`);
      await waitUntil(
        async () => {
          const text = await mainText();
          if (text.includes('Une miche')) return true;
          await page.reload();
          return undefined;
        },
        { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 200, description: 'the tier shows on the campaign’s page' },
      );
      expect(await mainText()).toContain('La contrepartie est enregistrée.');

      await page.getByRole('link', { name: 'Paliers supplémentaires' }).click();
      await page.waitForURL(`**/holder/campaigns/${campaignId}/stretch-goals`);
      await page.getByLabel('Montant (en euros)').fill('6500');
      await page.getByLabel('Ce que ce palier permettra').fill('Un pétrin mécanique');
      await page.getByRole('button', { name: 'Ajouter le palier' }).click();
      await page.waitForURL(`**/holder/campaigns/${campaignId}/stretch-goals?done=saved`);
      expect(await mainText()).toContain('Les modifications sont enregistrées.');
      await waitUntil(
        async () => {
          if ((await mainText()).includes('Un pétrin mécanique')) return true;
          await page.reload();
          return undefined;
        },
        { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 200, description: 'the stretch goal shows' },
      );
      await auditBothLanguages('stretch-goals');

      // Sent without its dates: refused, naming what is missing, and still a draft.
      await page.goto(webUrl(`/fr/holder/campaigns/${campaignId}`));
      const incomplete = page.waitForResponse((response) => response.request().method() === 'POST');
      await page.getByRole('button', { name: 'Envoyer à la modération' }).click();
      expect((await incomplete).status()).toBe(400);
      await expect(page.getByRole('alert').innerText()).resolves.toContain(
        'Il manque encore : Début de la collecte, Fin de la collecte.',
      );
      expect(await mainText()).toContain('Brouillon');
      await audit(page, 'submit-refused-fr');

      // The campaign opens within seconds: set through the edit form, prefilled with the draft.
      await page.goto(webUrl(`/fr/holder/campaigns/${campaignId}/edit`));
      expect(await page.getByLabel('Objectif (en euros)').inputValue()).toBe('5000,50');
      await auditBothLanguages('edit');
      const opensAt = Date.now() + OPENS_IN_MS;
      await page.getByLabel('Début de la collecte').fill(parisLocal(opensAt));
      await page.getByLabel('Fin de la collecte', { exact: true }).fill(parisLocal(opensAt + 60 * 60 * 1000));
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.waitForURL(`**/holder/campaigns/${campaignId}?done=saved`);
      await pageOnceItHolds(api, campaignId, (draft) => draft.startsAt !== null, 'the schedule is saved', holder);

      await page.getByRole('button', { name: 'Envoyer à la modération' }).click();
      await page.waitForURL(`**/holder/campaigns/${campaignId}?done=submitted`);
      expect(await mainText()).toContain('La campagne est envoyée à la modération.');
      await pageOnceItHolds(api, campaignId, (sent) => sent.status === 'submitted', 'the campaign is submitted', holder);
      await page.reload();
      expect(await mainText()).toContain('la modération relit votre campagne');
      await auditBothLanguages('submitted');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'once approved and live, posts an update the public page shows',
    async () => {
      await step(api, moderator, campaignId, 'approve');
      await pageOnceItHolds(
        api,
        campaignId,
        (campaign) => campaign.status === 'live',
        'the campaign is live',
        undefined,
        OPENS_IN_MS + ON_TIME_MS + READ_MODEL_LAG_MS,
      );
      await page.goto(webUrl(`/fr/holder/campaigns/${campaignId}`));
      expect(await mainText()).toContain('la collecte est ouverte');
      await auditBothLanguages('live');

      await page.getByRole('link', { name: 'Publier une actualité' }).click();
      await page.waitForURL(`**/holder/campaigns/${campaignId}/updates`);
      expect(await heading()).toBe('Publier une actualité');
      await auditBothLanguages('update');
      await page.getByLabel('Titre de l’actualité').fill(UPDATE.title);
      await page.getByLabel('Texte').fill(UPDATE.body);
      await page.getByRole('button', { name: 'Publier' }).click();
      await page.waitForURL(`**/holder/campaigns/${campaignId}?done=update`);
      expect(await mainText()).toContain('L’actualité est publiée sur la page de la campagne.');

      await page.goto(webUrl(`/fr/campaigns/${campaignId}`));
      await waitUntil(
        async () => {
          if ((await mainText()).includes(UPDATE.title)) return true;
          await page.reload();
          return undefined;
        },
        { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 200, description: 'the update shows on the public page' },
      );
      expect(await mainText()).toContain(UPDATE.body);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'lists the backers and exports them as CSV, its header line even with none',
    async () => {
      await page.goto(webUrl(`/fr/holder/campaigns/${campaignId}/backers`));
      expect(await heading()).toBe('Contributeurs');
      expect(await mainText()).toContain('Pas encore de contribution.');
      await auditBothLanguages('backers');

      const csv = await page.context().request.get(webUrl(`/fr/holder/campaigns/${campaignId}/backers.csv`));
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers()['content-disposition']).toBe(`attachment; filename="backers-${campaignId}.csv"`);
      expect(csv.headers()['cache-control']).toBe('private, no-store');
      const text = await csv.text();
      expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(BACKERS_CSV_HEADER);

      // The link downloads it.
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Télécharger la liste (CSV)' }).click();
      expect((await download).suggestedFilename()).toBe(`backers-${campaignId}.csv`);
    },
    STEP_TIMEOUT_MS,
  );

  it('shows the statements, and opens the payout account at the onboarding page', async () => {
    await page.goto(webUrl(`/fr/holder/campaigns/${campaignId}/payouts`));
    expect(await heading()).toBe('Relevés et versements');
    await auditBothLanguages('payouts');

    await page.getByRole('link', { name: 'Mon compte de versement' }).click();
    await page.waitForURL('**/fr/me/payout-account');
    expect(await mainText()).toContain('Pas encore ouvert');
    await auditBothLanguages('payout-account');
    await page.getByRole('button', { name: 'Ouvrir mon compte de versement chez Stripe' }).click();
    await page.waitForURL(`${stack.payments.url}/emulator/onboarding/**`);
    expect(await page.locator('h1').innerText()).toMatch(/^Onboard acct_/);

    // Back from onboarding (Stripe's return URL, with no language: the site picks it).
    await page.goto(webUrl('/me/payout-account?onboarding=done'));
    await page.waitForURL('**/fr/me/payout-account?onboarding=done');
    expect(await mainText()).toContain('Vous revenez de Stripe.');
    expect(await mainText()).toContain('En cours de vérification');
    await audit(page, 'payout-account-back-fr');
  });
});
