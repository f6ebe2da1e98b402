import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitUntil } from '@elan/testing';
import { PASSWORD, uniqueEmail, type Account, type Api } from './support/api';
import {
  addTier,
  completeDraft,
  createDraft,
  eur,
  ON_TIME_MS,
  pageOnceItHolds,
  schedule,
  STARTS_IN_MS,
  step,
  tier,
} from './support/campaigns';
import { confirmWithCard, pledgeBody, pledgeOf, pledgeOn, pledgeOnceIn, stripeBooks, type PlacedPledge } from './support/pledges';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';
import { launchChromium, screenshots, startWebFront, wcagViolations, type RunningWebFront } from './web-browser';

/** Four services, the emulator and two campaigns live, on a machine shared with other runs. */
const STARTS_WITHIN_MS = 180_000;
/** Refunds are made by the services' workers after the answer. */
const SETTLES_WITHIN_MS = 20_000;

const NOÉMIE = { displayName: 'Noémie Laborde' };
const GUEST = { name: 'Camille Dupré', email: 'camille.dupre@example.org' };

/**
 * The contributor's own pages in a browser, against a real stack (gateway, campaign, pledge and
 * tipping services, the Stripe emulator): a person registers and lands logged in, sees their
 * pledges, changes one, cancels one, downloads their data; a guest cancels their pledge and erases
 * its data through the private link; the person erases themselves; Stripe's books balance. Every
 * page is checked by axe-core (WCAG 2.1 AA) in both languages and photographed at 360 and 1280 px.
 */
describe('the contributor’s own pages, in a browser', () => {
  let stack: Stack;
  let api: Api;
  let web: RunningWebFront | undefined;
  let browser: Browser | undefined;
  /** The person's browser: registered and logged in through the pages, kept from test to test. */
  let person: BrowserContext | undefined;
  let page: Page;
  let noémie: Account;
  const email = uniqueEmail('noemie');
  let keepItAll = { campaignId: '', title: '', tierIds: [] as string[] };
  let allOrNothing = { campaignId: '', title: '', tierIds: [] as string[] };
  let paid: PlacedPledge;
  let committed: PlacedPledge;
  /** What each pledge should have left at Stripe: pledge + tip while it stands and was charged, 0 once refunded. */
  const expectedAtStripe = new Map<string, number>();

  const stripe = () => stack.payments;
  const webUrl = (path: string): string => `${web?.url ?? ''}${path}`;
  const heading = (on: Page) => on.locator('h1').innerText();
  /** axe-core finds nothing, and the page is photographed at both widths. */
  const checked = async (on: Page, name: string): Promise<void> => {
    expect(await wcagViolations(on)).toEqual([]);
    await screenshots(on, name);
  };
  /** The same page in both languages, each checked and photographed. */
  const inBothLanguages = async (on: Page, path: string, name: string, headings: { fr: string; en: string }) => {
    for (const locale of ['fr', 'en'] as const) {
      const response = await on.goto(webUrl(`/${locale}${path}`));
      expect(response?.status()).toBe(200);
      expect(await heading(on)).toBe(headings[locale]);
      await checked(on, `${name}-${locale}`);
    }
  };

  /** A campaign of its own title, approved and waited for until live; its tiers' ids. */
  const launch = async (
    holder: Account,
    moderator: Account,
    draft: { title: string; fundingModel: 'keep_it_all' | 'all_or_nothing' },
    tiers: readonly object[] = [],
  ): Promise<{ campaignId: string; title: string; tierIds: string[] }> => {
    const campaignId = await createDraft(
      api,
      holder,
      completeDraft({ ...draft, goal: eur(100_000), stretchGoals: [], ...schedule(STARTS_IN_MS, 30 * 60_000) }),
    );
    const tierIds: string[] = [];
    for (const definition of tiers) tierIds.push(await addTier(api, holder, campaignId, definition));
    await step(api, holder, campaignId, 'submit');
    await step(api, moderator, campaignId, 'approve');
    await pageOnceItHolds(
      api,
      campaignId,
      (shown) => shown.status === 'live',
      'the campaign is live',
      undefined,
      STARTS_IN_MS + ON_TIME_MS,
    );
    return { campaignId, title: draft.title, tierIds };
  };

  beforeAll(async () => {
    let holder: Account;
    let moderator: Account;
    ({
      stack,
      api,
      accounts: { holder, moderator },
    } = await startStack('web_account', { members: ['holder'], moderators: ['moderator'] }, { payments: true }));
    // Every start settles before a failure is thrown, so afterAll stops whatever did start.
    const settled = await Promise.allSettled([
      launch(holder, moderator, { title: 'Une épicerie coopérative à Figeac', fundingModel: 'keep_it_all' }).then(
        (launched) => (keepItAll = launched),
      ),
      launch(holder, moderator, { title: 'Un four à pain pour le village', fundingModel: 'all_or_nothing' }, [
        tier({ title: 'Une miche', minimumAmount: eur(2_500) }),
      ]).then((launched) => (allOrNothing = launched)),
      startWebFront(stack.url).then((started) => (web = started)),
      launchChromium().then((launched) => (browser = launched)),
    ]);
    const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    if (!browser) throw new Error('no browser');
    person = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    page = await person.newPage();
  }, STARTS_WITHIN_MS);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await stack?.stop();
  });

  it('registers a person, showing the API’s password feedback and a taken address plainly, then logs them in', async () => {
    await inBothLanguages(page, '/register', 'account-register', { fr: 'Créer un compte', en: 'Create an account' });

    // A password too easy to guess: the form again, 400, the API's feedback on the field, nothing made.
    await page.goto(webUrl('/fr/register'));
    await page.getByLabel('Nom affiché').fill(NOÉMIE.displayName);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('azertyuiop12');
    const [weak] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Créer mon compte' }).click(),
    ]);
    expect(weak.status()).toBe(400);
    await expect(page.locator('#f-password-error').innerText()).resolves.toMatch(/too easy to guess/);
    await expect(page.getByLabel('Adresse e-mail').inputValue()).resolves.toBe(email);
    await checked(page, 'account-register-refused-fr');
    await api.post('/api/auth/login').send({ email, password: 'azertyuiop12' }).expect(401);

    // A strong one: the account is made, the person logged in at once and back where they came from.
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL((url) => url.pathname === '/fr/');
    await expect(page.getByRole('link', { name: 'Mes contributions' }).count()).resolves.toBe(1);
    noémie = await api.account({ email, password: PASSWORD });

    // The same address again, in another browser: 409, said plainly.
    const other = await browser!.newContext({ locale: 'en-GB' });
    const stranger = await other.newPage();
    await stranger.goto(webUrl('/en/register'));
    await stranger.getByLabel('Display name').fill('Someone else');
    await stranger.getByLabel('E-mail address').fill(email.toUpperCase());
    await stranger.getByLabel('Password').fill('another long passphrase of words');
    const [taken] = await Promise.all([
      stranger.waitForResponse((response) => response.request().method() === 'POST'),
      stranger.getByRole('button', { name: 'Create my account' }).click(),
    ]);
    expect(taken.status()).toBe(409);
    await expect(stranger.getByRole('alert').innerText()).resolves.toContain('An account already uses this e-mail address');
    expect(await wcagViolations(stranger)).toEqual([]);
    await other.close();
  });

  it('lists their pledges: campaign, amount and tip on separate lines, status, date, links', async () => {
    paid = await pledgeOn(api, keepItAll.campaignId, pledgeBody({ amount: eur(3_000), tip: eur(300) }), noémie);
    committed = await pledgeOn(
      api,
      allOrNothing.campaignId,
      pledgeBody({ amount: eur(5_000), tip: eur(250), tierId: allOrNothing.tierIds[0] }),
      noémie,
    );
    expect(await confirmWithCard(stripe(), paid)).toBe('succeeded');
    expect(await confirmWithCard(stripe(), committed)).toBe('succeeded');
    await pledgeOnceIn(api, paid.pledge.pledgeId, noémie, 'committed');
    await pledgeOnceIn(api, committed.pledge.pledgeId, noémie, 'committed');
    expectedAtStripe.set(paid.pledge.pledgeId, 3_300);
    expectedAtStripe.set(committed.pledge.pledgeId, 0);

    await inBothLanguages(page, '/me/pledges', 'account-my-pledges', { fr: 'Mes contributions', en: 'My pledges' });
    await page.goto(webUrl('/fr/me/pledges'));
    const items = page.locator('ul.pledges > li');
    await expect(items.count()).resolves.toBe(2);
    const paidItem = items.filter({ hasText: keepItAll.title });
    const lines = (await paidItem.locator('.pledge-facts li').allInnerTexts()).map((line) => line.replace(/\s/g, ' '));
    expect(lines.slice(0, 3)).toEqual(['Contribution : 30 €', 'Pourboire à Élan : 3 €', 'État : Confirmée']);
    expect(lines[3]).toMatch(/^Faite le \d{1,2} \S+ \d{4}$/);
    await expect(paidItem.getByRole('link', { name: 'Voir la contribution' }).getAttribute('href')).resolves.toBe(
      `/fr/pledges/${paid.pledge.pledgeId}`,
    );
    // A paid keep-it-all pledge is cancelled, never changed; an all-or-nothing one both.
    await expect(paidItem.getByRole('link', { name: /^Modifier/ }).count()).resolves.toBe(0);
    const committedItem = items.filter({ hasText: allOrNothing.title });
    await expect(committedItem.getByRole('link', { name: /^Modifier/ }).count()).resolves.toBe(1);
    await expect(committedItem.getByRole('link', { name: /^Annuler/ }).count()).resolves.toBe(1);
  });

  it('changes the all-or-nothing pledge: a bad amount refused on its field, then another amount and no reward', async () => {
    const { pledgeId } = committed.pledge;
    await inBothLanguages(page, `/pledges/${pledgeId}/change`, 'account-change', {
      fr: 'Modifier ma contribution',
      en: 'Change my pledge',
    });
    await page.goto(webUrl(`/fr/pledges/${pledgeId}/change`));
    await expect(page.getByLabel('Nouveau montant (en EUR)').inputValue()).resolves.toBe('50');
    await page.getByLabel('Nouveau montant (en EUR)').fill('quarante');
    const [refused] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Enregistrer la modification' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await expect(page.locator('#f-amount-error').innerText()).resolves.toContain('indiquez un montant en chiffres');
    await checked(page, 'account-change-refused-fr');
    expect((await pledgeOf(api, pledgeId, noémie)).amount).toEqual(eur(5_000));

    await page.getByLabel('Nouveau montant (en EUR)').fill('45,50');
    await page.getByLabel('Aucune contrepartie').check();
    await page.getByRole('button', { name: 'Enregistrer la modification' }).click();
    await page.waitForURL((url) => url.pathname === `/fr/pledges/${pledgeId}`);
    expect(await pledgeOf(api, pledgeId, noémie)).toMatchObject({
      status: 'committed',
      amount: eur(4_550),
      tip: eur(250),
      tierId: null,
    });
  });

  it('cancels the paid pledge, refunded tip included, and says plainly when a form comes too late', async () => {
    const { pledgeId } = paid.pledge;
    await inBothLanguages(page, `/pledges/${pledgeId}/cancel`, 'account-cancel', {
      fr: 'Annuler ma contribution',
      en: 'Cancel my pledge',
    });
    await page.goto(webUrl(`/fr/pledges/${pledgeId}/cancel`));
    await expect(page.locator('main').innerText()).resolves.toMatch(/remboursé de 33\s€ \(contribution et pourboire compris\)/);
    await page.getByRole('button', { name: 'Annuler ma contribution' }).click();
    await page.waitForURL((url) => url.pathname === `/fr/pledges/${pledgeId}`);
    expect((await pledgeOf(api, pledgeId, noémie)).status).toBe('cancelled');
    expectedAtStripe.set(pledgeId, 0);

    // The change form of the other pledge, open while it is cancelled elsewhere: 409, nothing changed.
    const other = committed.pledge.pledgeId;
    await page.goto(webUrl(`/fr/pledges/${other}/change`));
    await api.post(`/api/pledges/${other}/cancel`, noémie).expect(200);
    await page.getByLabel('Nouveau montant (en EUR)').fill('60');
    const [late] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Enregistrer la modification' }).click(),
    ]);
    expect(late.status()).toBe(409);
    await expect(page.getByRole('alert').innerText()).resolves.toContain(
      'La modification n’a pas été enregistrée : la contribution n’est pas (ou plus) confirmée. Rien n’a changé.',
    );
    await checked(page, 'account-change-late-fr');
    expect(await pledgeOf(api, other, noémie)).toMatchObject({ status: 'cancelled', amount: eur(4_550) });
  });

  it('downloads their data as a JSON file', async () => {
    await inBothLanguages(page, '/me/data', 'account-my-data', { fr: 'Mes données personnelles', en: 'My personal data' });
    await page.goto(webUrl('/fr/me/data'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger mes données (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('elan-my-data.json');
    const exported = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as {
      account: { email: string; displayName: string };
      pledges: Array<{ pledgeId: string; status: string }>;
    };
    expect(exported.account).toMatchObject({ email, displayName: NOÉMIE.displayName });
    expect(exported.pledges.map(({ pledgeId, status }) => ({ pledgeId, status }))).toEqual(
      expect.arrayContaining([
        { pledgeId: paid.pledge.pledgeId, status: 'cancelled' },
        { pledgeId: committed.pledge.pledgeId, status: 'cancelled' },
      ]),
    );
    const answer = await page.request.get(webUrl('/fr/me/data/download'));
    expect(answer.headers()).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="elan-my-data.json"',
      'cache-control': 'private, no-store',
    });
  });

  it('lets a guest cancel their pledge, and erase its data, through the private link', async () => {
    const placed = await pledgeOn(api, keepItAll.campaignId, pledgeBody({ amount: eur(2_000), tip: eur(200), ...GUEST }));
    const guestToken = placed.guestToken ?? '';
    expect(guestToken).not.toBe('');
    expect(await confirmWithCard(stripe(), placed)).toBe('succeeded');
    const { pledgeId } = placed.pledge;
    await pledgeOnceIn(api, pledgeId, { guestToken }, 'committed');
    expectedAtStripe.set(pledgeId, 2_200);

    const guestContext = await browser!.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    try {
      const guest = await guestContext.newPage();
      const link = `/pledges/${pledgeId}/cancel?token=${guestToken}`;
      await inBothLanguages(guest, link, 'account-guest-cancel', { fr: 'Annuler ma contribution', en: 'Cancel my pledge' });
      await guest.goto(webUrl(`/fr${link}`));
      await guest.getByRole('button', { name: 'Annuler ma contribution' }).click();
      await guest.waitForURL((url) => url.pathname === `/fr/pledges/${pledgeId}` && url.searchParams.get('token') === guestToken);
      expect((await pledgeOf(api, pledgeId, { guestToken })).status).toBe('cancelled');
      expectedAtStripe.set(pledgeId, 0);

      const erase = `/pledges/${pledgeId}/erase?token=${guestToken}`;
      await inBothLanguages(guest, erase, 'account-guest-erase', {
        fr: 'Effacer mes données de cette contribution',
        en: 'Erase my data from this pledge',
      });
      await guest.goto(webUrl(`/en${erase}`));
      await guest.getByRole('button', { name: 'Erase my data for good' }).click();
      await guest.waitForURL((url) => url.pathname === `/en/pledges/${pledgeId}`);
      expect((await pledgeOf(api, pledgeId, { guestToken })).contributor).toMatchObject({ name: 'erased', email: 'erased' });
    } finally {
      await guestContext.close();
    }
  });

  it('erases the person: a wrong password erases nothing, the right one ends the session with a notice', async () => {
    await page.goto(webUrl('/fr/me/data'));
    await page.getByLabel('Votre mot de passe, pour confirmer').fill('not my password at all');
    const [wrong] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Effacer définitivement mon compte' }).click(),
    ]);
    expect(wrong.status()).toBe(403);
    await expect(page.locator('#f-password-error').innerText()).resolves.toBe('Mot de passe incorrect : rien n’a été effacé.');
    await checked(page, 'account-erase-refused-fr');
    await api.get('/api/me', noémie).expect(200);

    await page.getByLabel('Votre mot de passe, pour confirmer').fill(PASSWORD);
    await page.getByRole('button', { name: 'Effacer définitivement mon compte' }).click();
    await page.waitForURL((url) => url.pathname === '/fr/' && url.searchParams.get('notice') === 'erased');
    await expect(page.getByRole('status').innerText()).resolves.toContain(
      'Votre compte et vos données personnelles ont été effacés.',
    );
    await expect(page.getByRole('link', { name: 'Se connecter' }).count()).resolves.toBe(1);
    await checked(page, 'account-erased-fr');
    await page.goto(webUrl('/en/?notice=erased'));
    expect(await wcagViolations(page)).toEqual([]);
    await api.post('/api/auth/login').send({ email, password: PASSWORD }).expect(401);
    // Logged out: their pages ask to log in again.
    await page.goto(webUrl('/fr/me/pledges'));
    expect(new URL(page.url()).pathname).toBe('/fr/login');
  });

  it('balances to the cent: what Stripe kept equals the standing pledges and their tips', async () => {
    const expected = [...expectedAtStripe.values()].reduce((total, amount) => total + amount, 0);
    const books = await waitUntil(
      async () => {
        const now = await stripeBooks(stripe());
        return now.captured - now.refunded === expected ? now : undefined;
      },
      { timeoutMs: SETTLES_WITHIN_MS, intervalMs: 200, description: `Stripe keeps ${expected} cents` },
    );
    expect(books.problems).toEqual([]);
    expect(books.captured).toBe(3_300 + 2_200);
    expect(books.refunded).toBe(3_300 + 2_200);
  });
});
