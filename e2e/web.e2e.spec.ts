import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from '@elan/testing';
import type { Account, Api } from './support/api';
import {
  ON_TIME_MS,
  READ_MODEL_LAG_MS,
  STARTS_IN_MS,
  addTier,
  completeDraft,
  createDraft,
  eur,
  pageOnceItHolds,
  schedule,
  step,
  tier,
} from './support/campaigns';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';
import { PASSWORD } from './support/api';
import {
  launchChromium,
  logInThroughPage,
  screenshots,
  startWebFront,
  wcagViolations,
  type RunningWebFront,
} from './web-browser';

/** Issue #12's budget for a campaign page: HTML and CSS together, images aside. */
const CAMPAIGN_PAGE_BUDGET_BYTES = 50 * 1024;

const BREAD = {
  title: 'Un four à pain pour le village',
  summary: 'Un four collectif, cuit au bois, ouvert à tous les habitants.',
  story: 'Le four banal du village est tombé en ruine.\n\nNous voulons le rebâtir et y cuire le pain ensemble.',
};
const CONCERTS = {
  title: 'Une salle de concert associative',
  summary: 'Une scène pour les groupes du coin.',
  story: 'Une grange à transformer en salle de concert.',
};

/**
 * The web front in Debian's chromium, against a real stack (gateway and campaign service) with
 * two live campaigns: the catalog and its GET form, a campaign page, the language switch, the 404
 * and 503 pages — each checked by axe-core for WCAG 2.1 AA in both languages and photographed at
 * 360 and 1280 px into artifacts/screenshots/.
 */
describe('the web front, in a browser', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let moderator: Account;
  let web: RunningWebFront | undefined;
  /** A second web front whose API does not answer: nothing listens on its port. */
  let orphan: RunningWebFront | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let bread = '';

  /**
   * When the campaigns open: the drafts, their tiers, submission and approval come first, on a
   * machine shared with other test runs; the web and the browser start meanwhile.
   */
  const STARTS_IN = 4 * STARTS_IN_MS;

  /** A draft with tiers, submitted and approved: live once `STARTS_IN` has passed. */
  const launch = async (draft: object, tiers: object[]): Promise<string> => {
    const campaignId = await createDraft(api, holder, completeDraft({ ...draft, ...schedule(STARTS_IN, 60 * 60 * 1000) }));
    for (const definition of tiers) await addTier(api, holder, campaignId, definition);
    await step(api, holder, campaignId, 'submit');
    await step(api, moderator, campaignId, 'approve');
    return campaignId;
  };
  const live = (campaignId: string, updates: number) =>
    pageOnceItHolds(
      api,
      campaignId,
      (page) => page.status === 'live' && page.updates.length === updates,
      'the campaign is live',
      undefined,
      STARTS_IN + ON_TIME_MS + READ_MODEL_LAG_MS,
    );

  beforeAll(async () => {
    ({
      stack,
      api,
      accounts: { holder, moderator },
    } = await startStack('web', { members: ['holder'], moderators: ['moderator'] }));
    const [breadId, concertsId] = await Promise.all([
      launch(BREAD, [
        tier(),
        tier({ title: 'Un panier garni', minimumAmount: eur(5_050), quantityLimit: 20, estimatedDelivery: '2027-03' }),
      ]),
      launch({ ...CONCERTS, category: 'culture', fundingModel: 'keep_it_all', location: { departement: '2A' } }, []),
    ]);
    bread = breadId;
    await api
      .post(`/api/campaigns/${bread}/updates`, holder)
      .send({ title: 'Le maçon est trouvé', body: 'Il commence lundi.' })
      .expect(201);
    // Every start settles before a failure is thrown, so afterAll stops whatever did start.
    const settled = await Promise.allSettled([
      startWebFront(stack.url).then((started) => (web = started)),
      freePort()
        .then((port) => startWebFront(`http://127.0.0.1:${port}`))
        .then((started) => (orphan = started)),
      launchChromium().then((launched) => (browser = launched)),
      live(bread, 1),
      live(concertsId, 0),
    ]);
    const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([web?.stop(), orphan?.stop()]);
    await stack?.stop();
  });

  /** A fresh page whose browser speaks `locale`; it records what the Content-Security-Policy blocked. */
  const open = async (locale: string): Promise<{ page: Page; blocked: string[] }> => {
    await context?.close();
    if (!browser) throw new Error('no browser');
    context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) blocked.push(message.text());
    });
    return { page, blocked };
  };
  const webUrl = (path: string): string => `${web?.url ?? ''}${path}`;
  const heading = (page: Page) => page.locator('h1').innerText();

  it('lists the campaigns in the visitor’s language, and searches them with a plain GET form', async () => {
    const { page, blocked } = await open('fr-FR');
    await page.goto(webUrl('/'));
    expect(new URL(page.url()).pathname).toBe('/fr/');
    expect(await heading(page)).toBe('Les campagnes');
    await expect(page.getByRole('link', { name: BREAD.title }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: CONCERTS.title }).count()).resolves.toBe(1);
    // The stylesheet applies under the page's own policy, and the policy blocked nothing.
    expect(await page.evaluate("getComputedStyle(document.querySelector('header.site')).backgroundColor")).toBe(
      'rgb(243, 241, 236)',
    );
    expect(blocked).toEqual([]);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshots(page, 'catalog-fr');

    await page.getByLabel('Mots-clés').fill('pain');
    await page.getByLabel('Département').selectOption('62');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForURL(/departement=62/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('pain');
    await expect(page.getByRole('link', { name: BREAD.title }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: CONCERTS.title }).count()).resolves.toBe(0);

    await page.getByLabel('Département').selectOption('2A');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForURL(/departement=2A/);
    await expect(page.getByText('Aucune campagne ne correspond à votre recherche.').count()).resolves.toBe(1);

    // A page link edited by hand: the API refuses the cursor, the visitor is told and sees the first page.
    const edited = await page.goto(webUrl('/fr/?status=live&cursor=not-one-the-api-gave'));
    expect(edited?.status()).toBe(400);
    await expect(page.getByText('Ces filtres n’ont pas été compris et n’ont pas été appliqués : cursor.').count()).resolves.toBe(
      1,
    );
    await expect(page.getByRole('link', { name: BREAD.title }).count()).resolves.toBe(1);

    const english = await open('en-GB');
    await english.page.goto(webUrl('/'));
    expect(new URL(english.page.url()).pathname).toBe('/en/');
    expect(await heading(english.page)).toBe('Campaigns');
    expect(await wcagViolations(english.page)).toEqual([]);
    await screenshots(english.page, 'catalog-en');
  });

  it('shows a campaign page — where it stands, tiers, updates — within 50 KB and with no script, and switches language', async () => {
    const { page, blocked } = await open('fr-FR');
    const scripts: string[] = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
    await page.goto(webUrl('/fr/'));
    await page.getByRole('link', { name: BREAD.title }).click();
    await page.waitForURL(`**/fr/campaigns/${bread}`);
    expect(await heading(page)).toBe(BREAD.title);
    const text = (await page.locator('main').innerText()).replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('0 € promis sur un objectif de 5 000 €');
    expect(text).toContain('0 contributeur');
    expect(text).toMatch(/Il reste \d+ minutes : la collecte se termine le /);
    expect(text).toContain('20 restantes sur 20');
    expect(text).toContain('Livraison estimée : mars 2027');
    expect(text).toContain('Le maçon est trouvé');
    expect(text).toContain('Un pétrin mécanique');
    expect(await page.locator('script').count()).toBe(0);
    expect(scripts).toEqual([]);
    expect(blocked).toEqual([]);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshots(page, 'campaign-fr');

    // The weight as served: the page's HTML and its one stylesheet.
    const html = await (await fetch(page.url())).text();
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1] ?? '';
    const css = await (await fetch(webUrl(stylesheet))).text();
    expect(Buffer.byteLength(html) + Buffer.byteLength(css)).toBeLessThanOrEqual(CAMPAIGN_PAGE_BUDGET_BYTES);

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`**/en/campaigns/${bread}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await heading(page)).toBe(BREAD.title);
    await expect(page.getByRole('heading', { name: 'Rewards' }).count()).resolves.toBe(1);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshots(page, 'campaign-en');
    await page.getByRole('link', { name: 'Français' }).click();
    await page.waitForURL(`**/fr/campaigns/${bread}`);
  });

  it('answers an unknown page or campaign with a 404 page in the visitor’s language', async () => {
    const { page } = await open('fr-FR');
    for (const [path, title, name] of [
      [`/fr/campaigns/${randomUUID()}`, 'Page introuvable', 'not-found-fr'],
      ['/en/nowhere', 'Page not found', 'not-found-en'],
    ] as const) {
      const response = await page.goto(webUrl(path));
      expect(response?.status()).toBe(404);
      expect(await heading(page)).toBe(title);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshots(page, name);
    }
  });

  it('answers 503 with a page that says so plainly when the API cannot be reached', async () => {
    const { page } = await open('fr-FR');
    for (const [locale, title] of [
      ['fr', 'Élan est momentanément indisponible'],
      ['en', 'Élan is briefly unavailable'],
    ] as const) {
      const response = await page.goto(`${orphan?.url ?? ''}/${locale}/`);
      expect(response?.status()).toBe(503);
      expect(response?.headers()['retry-after']).toBe('30');
      expect(await heading(page)).toBe(title);
      expect(await wcagViolations(page)).toEqual([]);
      await screenshots(page, `unavailable-${locale}`);
    }
  });

  it('logs in with the API’s token in an HttpOnly cookie, shows the roles’ links, and logs out for good', async () => {
    const { page } = await open('fr-FR');
    const response = await page.goto(webUrl(`/fr/campaigns/${bread}`));
    expect(response?.headers()['cache-control']).toBe('public, max-age=30');
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL('**/fr/login?next=**');
    expect(await heading(page)).toBe('Se connecter');
    expect(await wcagViolations(page)).toEqual([]);
    await screenshots(page, 'login-fr');

    // A wrong password: the form again, saying so, and the address kept.
    await page.getByLabel('Adresse e-mail').fill(moderator.email);
    await page.getByLabel('Mot de passe').fill('not the password at all');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Adresse e-mail ou mot de passe incorrect.');
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe(moderator.email);
    expect(await wcagViolations(page)).toEqual([]);

    // The right one: back on the campaign page, now private to this visitor, with the moderator's links.
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`**/fr/campaigns/${bread}`);
    const session = (await page.context().cookies()).find((cookie) => cookie.name === 'elan_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    await expect(page.getByRole('link', { name: 'Modération' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Administration' }).count()).resolves.toBe(0);
    const privately = await page.reload();
    expect(privately?.headers()['cache-control']).toBe('private, no-store');
    expect(await wcagViolations(page)).toEqual([]);

    // Logging out revokes the token at the API: the copied cookie is worth nothing afterwards.
    const token = session?.value ?? '';
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL('**/fr/');
    await expect(page.getByRole('link', { name: 'Se connecter' }).count()).resolves.toBe(1);
    expect((await api.get('/api/me', { token })).status).toBe(401);
  });

  it('logs a person in through the helper other browser tests use, in English', async () => {
    const { page } = await open('en-GB');
    await logInThroughPage(page, web?.url ?? '', { email: holder.email, password: PASSWORD }, 'en', `/en/campaigns/${bread}`);
    await expect(page.getByRole('link', { name: 'My campaigns' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Moderation' }).count()).resolves.toBe(0);
  });
});
