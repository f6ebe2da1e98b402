import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitUntil } from '@elan/testing';
import { PASSWORD, type Account, type Api } from './support/api';
import { eur, tier } from './support/campaigns';
import { liveCampaign, pledgeBody, pledgeOf, pledgeOn, stripeBooks } from './support/pledges';
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

/** How long a confirmed card may take to show on the pledge's page: Stripe's webhook, then the pledge service. */
const WEBHOOK_LAG_MS = 20_000;

type Viewer = Account | { guestToken: string };

/**
 * Issue #12's checkout in Debian's chromium, the whole journey local: the web front, a stack with
 * the pledge and tipping services, and the Stripe emulator whose test-card and 3-D Secure pages
 * stand in for Stripe's Payment Element. Contributors back a keep-it-all campaign (paid at once)
 * and an all-or-nothing one (card saved), logged in or as guests, with a tip or with 0 €, through
 * 3-D Secure, with the keyboard alone; every page of ours passes axe-core in both languages and is
 * photographed. The file ends with the books: what Stripe holds is the pledges and their tips.
 */
describe('the checkout, the card step and the pledge page, in a browser', () => {
  let stack: Stack;
  let api: Api;
  let backer: Account;
  let second: Account;
  let web: RunningWebFront | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let keepItAll = '';
  let allOrNothing = '';
  /** A tier with a single unit, which someone else takes while the checkout is open. */
  let lastUnitTier = '';
  /** The keep-it-all pledges paid through the pages: Stripe must hold exactly these, tips included. */
  const paid: { pledgeId: string; viewer: Viewer }[] = [];

  beforeAll(async () => {
    let holder: Account;
    let moderator: Account;
    ({
      stack,
      api,
      accounts: { holder, moderator, backer, second },
    } = await startStack(
      'web_checkout',
      { members: ['holder', 'backer', 'second'], moderators: ['moderator'] },
      { payments: true },
    ));
    // Every start settles before a failure is thrown, so afterAll stops whatever did start.
    const settled = await Promise.allSettled([
      startWebFront(stack.url, { STRIPE_EMULATOR_URL: stack.payments.url }).then((started) => (web = started)),
      launchChromium().then((launched) => (browser = launched)),
      liveCampaign(api, holder, moderator, {
        fundingModel: 'keep_it_all',
        lastsMs: 60 * 60_000,
        tiers: [
          tier({ title: 'Un panier garni', minimumAmount: eur(2_000), quantityLimit: 20 }),
          tier({ title: 'La dernière fournée', minimumAmount: eur(1_000), quantityLimit: 1 }),
        ],
      }).then((live) => {
        keepItAll = live.campaignId;
        lastUnitTier = live.tierIds[1] ?? '';
      }),
      liveCampaign(api, holder, moderator, { fundingModel: 'all_or_nothing', lastsMs: 60 * 60_000 }).then(
        ({ campaignId }) => (allOrNothing = campaignId),
      ),
    ]);
    const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await web?.stop();
    await stack?.stop();
  });

  const webUrl = (path: string): string => `${web?.url ?? ''}${path}`;
  const open = async (locale: 'fr-FR' | 'en-GB'): Promise<Page> => {
    await context?.close();
    if (!browser) throw new Error('no browser');
    context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    return context.newPage();
  };
  const heading = (page: Page) => page.locator('h1').innerText();
  /** The page's main text, its no-break spaces (French groups digits and sets "€" apart with them) as spaces. */
  const text = async (page: Page) => (await page.locator('main').innerText()).replace(/[\u00a0\u202f]/g, ' ');

  /**
   * axe-core finds nothing on the page, nor on the same page in the other language, and both are
   * photographed; the browser is left on the page it was on. Only for pages a GET shows again.
   */
  const checkInBothLanguages = async (page: Page, name: string): Promise<void> => {
    const here = page.url();
    const url = new URL(here);
    const locale = url.pathname.slice(1, 3);
    const other = locale === 'fr' ? 'en' : 'fr';
    expect(await wcagViolations(page)).toEqual([]);
    await screenshots(page, `checkout-${name}-${locale}`);
    await page.goto(`${url.origin}/${other}${url.pathname.slice(3)}${url.search}`);
    expect(await page.locator('html').getAttribute('lang')).toBe(other);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshots(page, `checkout-${name}-${other}`);
    await page.goto(here);
  };

  /** A page only a POST shows (a form with its errors): checked and photographed as it is. */
  const checkAsIs = async (page: Page, name: string): Promise<void> => {
    expect(await wcagViolations(page)).toEqual([]);
    await screenshots(page, `checkout-${name}`);
  };

  /** Back from the card step: the pledge's page once the webhook committed it; meanwhile the page says it is confirming. */
  const pledgePageOnceConfirmed = async (page: Page, title: string, reload: string): Promise<string> => {
    await page.waitForURL((url) => /\/pledges\/[0-9a-f-]{36}/.test(url.pathname));
    await waitUntil(
      async () => {
        if ((await heading(page)) === title) return true;
        await page.getByRole('link', { name: reload }).click({ timeout: 2_000 });
        return undefined;
      },
      { timeoutMs: WEBHOOK_LAG_MS, intervalMs: 250, description: 'the pledge page shows the committed pledge' },
    ).catch(async (error: unknown) => {
      const url = new URL(page.url());
      const id = /\/pledges\/([0-9a-f-]{36})/.exec(url.pathname)?.[1] ?? '';
      const token = url.searchParams.get('token');
      const seen = token === null ? 'a logged-in pledge' : JSON.stringify(await pledgeOf(api, id, { guestToken: token }));
      const state = await stack.payments.control.state();
      const intent = url.searchParams.get('setup_intent') ?? url.searchParams.get('payment_intent') ?? '';
      const stripeSide = JSON.stringify(state.setupIntents[intent] ?? state.paymentIntents[intent] ?? null).slice(0, 1500);
      throw new Error(`${String(error)}\non ${page.url()}:\n${await text(page)}\nthe API: ${seen}\nStripe: ${stripeSide}`);
    });
    const pledgeId = /\/pledges\/([0-9a-f-]{36})/.exec(new URL(page.url()).pathname)?.[1];
    if (pledgeId === undefined) throw new Error(`not a pledge page: ${page.url()}`);
    return pledgeId;
  };

  /** The emulator's test-card page: pick a card by its number, then pay or save. */
  const payWithCard = async (page: Page, cardNumber: string, action: RegExp): Promise<void> => {
    await page.waitForURL((url) => url.pathname.startsWith('/emulator/pay/'));
    await page.getByLabel(cardNumber, { exact: false }).check();
    await page.getByRole('button', { name: action }).click();
  };

  it('takes a logged-in contributor’s pledge with a tip to a paid keep-it-all pledge, and shows its receipt', async () => {
    const page = await open('fr-FR');
    await logInThroughPage(page, webUrl(''), { email: backer.email, password: PASSWORD }, 'fr', `/fr/campaigns/${keepItAll}`);
    // The campaign page, now with its ways into the checkout, still passes axe-core.
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Soutenir ce projet' }).click();
    expect(await heading(page)).toContain('Soutenir');
    await checkInBothLanguages(page, 'amount');

    // French money, turned into cents exactly.
    await page.getByLabel('Montant de votre contribution, en euros').fill('12,50');
    await page.getByRole('button', { name: 'Continuer' }).click();
    expect(new URL(page.url()).searchParams.get('amount')).toBe('12,50');
    expect(await text(page)).toContain('12,50 €');
    expect(await text(page)).toContain('100 % de votre contribution va au projet');
    // 0 € comes first, and nothing is chosen for the contributor.
    const tips = page.locator('input[name="tip"]');
    expect(await tips.first().getAttribute('value')).toBe('0');
    expect(await page.locator('input[name="tip"]:checked').count()).toBe(0);
    await checkInBothLanguages(page, 'details');

    const suggestion = page.locator('input[name="tip"]:not([value="0"]):not([value="custom"])').first();
    const tip = Number(await suggestion.getAttribute('value'));
    expect(tip).toBeGreaterThan(0);
    await suggestion.check();
    await page.getByRole('button', { name: 'Continuer vers le paiement' }).click();
    await payWithCard(page, '4242 4242 4242 4242', /^Pay/);

    const pledgeId = await pledgePageOnceConfirmed(page, 'Votre contribution', 'Recharger cette page');
    const shown = await text(page);
    expect(shown).toContain('confirmée : carte débitée');
    expect(shown).toMatch(/Contribution au projet\s+12,50\s€/);
    expect(await pledgeOf(api, pledgeId, backer)).toMatchObject({ amount: eur(1_250), tip: eur(tip), status: 'committed' });
    paid.push({ pledgeId, viewer: backer });
    await checkInBothLanguages(page, 'pledge');

    await page.getByRole('link', { name: 'Voir le reçu' }).click();
    expect(await heading(page)).toBe('Reçu de votre contribution');
    expect(await text(page)).toContain(`Reçu n° ${pledgeId}`);
    await checkInBothLanguages(page, 'receipt');
  });

  it('takes another contributor’s pledge with a 0 € tip from a tier’s link, after saying what was wrong', async () => {
    const page = await open('en-GB');
    await logInThroughPage(page, webUrl(''), { email: second.email, password: PASSWORD }, 'en', `/en/campaigns/${keepItAll}`);
    await page
      .getByRole('link', { name: /Choose this reward/ })
      .first()
      .click();
    expect(await page.locator('input[name="tier"]:checked').getAttribute('value')).toMatch(/^[0-9a-f-]{36}$/);

    // Below the tier's minimum: the step again, with the error, nothing placed.
    await page.getByLabel('Your pledge, in euros').fill('12.5');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('This reward asks for at least €20');
    await checkInBothLanguages(page, 'amount-error');

    await page.getByLabel('Your pledge, in euros').fill('25.00');
    await page.getByRole('button', { name: 'Continue' }).click();
    // No tip chosen: the form again, saying 0 is fine; the browser's own check is left aside to see the server's.
    await page.evaluate("document.querySelector('form.stacked').noValidate = true");
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    expect(await text(page)).toContain('Choose a tip: €0 is fine.');
    await checkAsIs(page, 'details-error-en');

    await page.getByLabel('€0 — no tip').check();
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await payWithCard(page, '4242 4242 4242 4242', /^Pay/);
    const pledgeId = await pledgePageOnceConfirmed(page, 'Your pledge', 'Reload this page');
    expect(await text(page)).toMatch(/Tip to Élan\s+€0/);
    expect(await pledgeOf(api, pledgeId, second)).toMatchObject({ amount: eur(2_500), tip: eur(0), tierId: expect.any(String) });
    paid.push({ pledgeId, viewer: second });
  });

  it('takes a guest’s pledge on an all-or-nothing campaign to a saved card, and a private link to keep', async () => {
    const page = await open('fr-FR');
    await page.goto(webUrl(`/fr/campaigns/${allOrNothing}/pledge`));
    await page.getByLabel('Montant de votre contribution, en euros').fill('40');
    await page.getByRole('button', { name: 'Continuer' }).click();
    expect(await page.getByRole('link', { name: /Connectez-vous/ }).getAttribute('href')).toContain('/fr/login?next=');
    await page.getByLabel('Un autre montant').check();
    await page.getByLabel('Montant du pourboire, en euros').fill('2,50');
    await page.getByLabel('Votre nom').fill('Camille Dupré');
    await page.getByLabel('Votre adresse e-mail').fill('camille@example.org');
    await page.getByLabel('Afficher mon nom sur la page de la campagne').check();
    await page.getByLabel('Message de soutien (facultatif, public)').fill('Bravo !');
    await page.getByRole('button', { name: 'Continuer vers l’enregistrement de la carte' }).click();
    await payWithCard(page, '4242 4242 4242 4242', /^Save the card/);

    await pledgePageOnceConfirmed(page, 'Votre contribution', 'Recharger cette page');
    const url = new URL(page.url());
    const guestToken = url.searchParams.get('token') ?? '';
    expect(guestToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const shown = await text(page);
    expect(shown).toContain('Gardez ce lien privé');
    expect(shown).toContain('carte enregistrée, débitée seulement si la campagne atteint son objectif');
    expect(shown).toMatch(/Pourboire à Élan\s+2,50\s€/);
    expect(await page.getByRole('link', { name: 'Modifier ma contribution' }).getAttribute('href')).toContain(
      `token=${guestToken}`,
    );
    const pledgeId = /\/pledges\/([0-9a-f-]{36})/.exec(url.pathname)?.[1] ?? '';
    expect(await pledgeOf(api, pledgeId, { guestToken })).toMatchObject({
      amount: eur(4_000),
      tip: eur(250),
      status: 'committed',
      contributor: { kind: 'guest', name: 'Camille Dupré', showName: true },
      message: 'Bravo !',
    });
    await checkInBothLanguages(page, 'pledge-guest');
  });

  it('passes a 3-D Secure challenge, and after a failed one takes another card for the same pledge', async () => {
    const page = await open('en-GB');
    await logInThroughPage(
      page,
      webUrl(''),
      { email: backer.email, password: PASSWORD },
      'en',
      `/en/campaigns/${keepItAll}/pledge`,
    );
    const pledgeThroughChallenge = async (amount: string, outcome: 'Complete authentication' | 'Fail authentication') => {
      await page.goto(webUrl(`/en/campaigns/${keepItAll}/pledge?amount=${amount}`));
      await page.getByLabel('€0 — no tip').check();
      await page.getByRole('button', { name: 'Continue to payment' }).click();
      await payWithCard(page, '4000 0027 6000 3184', /^Pay/);
      await page.waitForURL((url) => url.pathname.startsWith('/emulator/3ds/'));
      await page.getByRole('button', { name: outcome }).click();
    };

    await pledgeThroughChallenge('15', 'Complete authentication');
    const passed = await pledgePageOnceConfirmed(page, 'Your pledge', 'Reload this page');
    expect(await pledgeOf(api, passed, backer)).toMatchObject({ amount: eur(1_500), status: 'committed' });
    paid.push({ pledgeId: passed, viewer: backer });

    await pledgeThroughChallenge('16.75', 'Fail authentication');
    await page.waitForURL((url) => url.pathname.endsWith('/return'));
    expect(await heading(page)).toBe('The payment did not go through');
    expect(await text(page)).toContain('Nothing was charged.');
    await checkInBothLanguages(page, 'payment-failed');
    const failedPage = page.url();
    const failed = /\/pledges\/([0-9a-f-]{36})/.exec(new URL(page.url()).pathname)?.[1] ?? '';
    expect((await pledgeOf(api, failed, backer)).status).not.toBe('committed');

    // While Stripe's word has not reached the pledge, the way back says so, with a link to look again.
    const back = new URL(page.url());
    back.searchParams.set('redirect_status', 'succeeded');
    await page.goto(back.toString());
    expect(await heading(page)).toBe('We are confirming your payment');
    await checkInBothLanguages(page, 'confirming');

    await page.goto(failedPage);
    await page.getByRole('link', { name: 'Try another card' }).click();
    await payWithCard(page, '4242 4242 4242 4242', /^Pay/);
    expect(await pledgePageOnceConfirmed(page, 'Your pledge', 'Reload this page')).toBe(failed);
    expect(await pledgeOf(api, failed, backer)).toMatchObject({ amount: eur(1_675), status: 'committed' });
    paid.push({ pledgeId: failed, viewer: backer });
  });

  it('is completed with the keyboard alone, from the campaign page to the receipt', async () => {
    const page = await open('en-GB');
    await page.goto(webUrl(`/en/campaigns/${keepItAll}`));
    /** Tab until the focused element matches `selector`: what a keyboard user does, one key at a time. */
    const tabTo = async (selector: string): Promise<void> => {
      for (let presses = 0; presses < 60; presses += 1) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
      }
      throw new Error(`Tab never reached ${selector} on ${page.url()}`);
    };
    await tabTo('a.button.cta');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.endsWith('/pledge'));
    await tabTo('input[name="amount"]');
    await page.keyboard.type('8.40');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('amount') === '8.40');
    await tabTo('input[name="tip"][value="0"]');
    await page.keyboard.press('Space');
    await tabTo('input[name="name"]');
    await page.keyboard.type('Dominique Keyboard');
    await tabTo('input[name="email"]');
    await page.keyboard.type('dominique@example.org');
    await tabTo('button[type="submit"]:not(.link)');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.startsWith('/emulator/pay/'));
    await tabTo('button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => /\/pledges\/[0-9a-f-]{36}/.test(url.pathname));
    await waitUntil(
      async () => {
        if ((await heading(page)) === 'Your pledge') return true;
        await tabTo('main a');
        await page.keyboard.press('Enter');
        await page.waitForLoadState();
        return undefined;
      },
      { timeoutMs: WEBHOOK_LAG_MS, intervalMs: 250, description: 'the receipt shows the committed pledge' },
    );
    const url = new URL(page.url());
    const guestToken = url.searchParams.get('token') ?? '';
    const pledgeId = /\/pledges\/([0-9a-f-]{36})/.exec(url.pathname)?.[1] ?? '';
    expect(await pledgeOf(api, pledgeId, { guestToken })).toMatchObject({ amount: eur(840), tip: eur(0), status: 'committed' });
    paid.push({ pledgeId, viewer: { guestToken } });
  });

  it('says plainly that a tier sold out while the form was open, and records nothing', async () => {
    const page = await open('fr-FR');
    await logInThroughPage(page, webUrl(''), { email: second.email, password: PASSWORD }, 'fr', `/fr/campaigns/${keepItAll}`);
    await page.goto(webUrl(`/fr/campaigns/${keepItAll}/pledge?amount=10&tier=${lastUnitTier}`));
    await page.getByLabel('0 € — pas de pourboire').check();
    // Meanwhile someone else takes the last unit (held from the moment they pledge).
    await pledgeOn(api, keepItAll, pledgeBody({ amount: eur(1_000), tip: eur(0), tierId: lastUnitTier }), backer);
    const before = await stripeBooks(stack.payments);
    const answer = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Continuer vers le paiement' }).click();
    expect((await answer).status()).toBe(409);
    expect(await page.getByRole('alert').innerText()).toContain('Cette contrepartie n’est plus disponible.');
    await checkAsIs(page, 'details-conflict-fr');
    const mine = (await api.get('/api/me/pledges', second).expect(200)).body as { items: { tierId: string | null }[] };
    expect(mine.items.filter((pledge) => pledge.tierId === lastUnitTier)).toEqual([]);
    expect((await stripeBooks(stack.payments)).captured).toBe(before.captured);
    // And the first step no longer lets anyone choose it.
    await page.goto(webUrl(`/fr/campaigns/${keepItAll}/pledge`));
    expect(await page.locator(`input[name="tier"][value="${lastUnitTier}"]`).isDisabled()).toBe(true);
  });

  it('balances to the cent: Stripe holds the keep-it-all pledges and their tips, and nothing for the saved card', async () => {
    let expected = 0;
    for (const { pledgeId, viewer } of paid) {
      const pledge = await pledgeOf(api, pledgeId, viewer);
      expected += pledge.amount.amount + pledge.tip.amount;
    }
    expect(paid).toHaveLength(5);
    const books = await waitUntil(
      async () => {
        const now = await stripeBooks(stack.payments);
        return now.captured - now.refunded === expected ? now : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 200, description: `Stripe holds ${expected} cents` },
    );
    expect(books.problems).toEqual([]);
  });
});
