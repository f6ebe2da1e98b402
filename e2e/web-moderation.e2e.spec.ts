import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import { PASSWORD } from './support/api';
import { completeDraft, createDraft, pageOnceItHolds, READ_MODEL_LAG_MS, step } from './support/campaigns';
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

const BREAD = {
  title: 'Un four à pain pour le village',
  summary: 'Un four collectif, cuit au bois, ouvert à tous les habitants.',
  imageUrl: 'https://images.example.org/four.jpg',
};
const CONCERTS = {
  title: 'Une salle de concert associative',
  summary: 'Une scène pour les groupes du coin.',
  category: 'culture',
};
const NEW_IMAGE = 'https://images.example.org/four-2.jpg';
const REJECTION = 'Dites ce que coûtera la sono, ligne par ligne, et qui la gardera.';
const IMAGE_REFUSAL = 'Le logo d’une marque apparaît sur la photo.';
/** The covers' host does not exist here: the browser is answered a drawing of the same size instead. */
const COVER_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"><rect width="1200" height="675" fill="#d9c9a3"/></svg>';

interface QueuePage {
  readonly items: { readonly campaignId: string }[];
}

/**
 * The moderators' and admins' pages (issue #12) in Debian's chromium, against a stack with every
 * service (the reconciliation is the payout service's): a holder's drafts submitted through the
 * API; a moderator logs in through the page, approves one, rejects the other (an empty reason
 * first), reads a change made after approval and refuses its new image; the holder reads the
 * outcomes through the API. A contributor gets the 403 page. The stack's admin grants the
 * moderator role (with a confirmation), runs a reconciliation and reads its report and the unpaid
 * statements. axe-core finds nothing on any of these pages, in French and in English, and each is
 * photographed at 360 and 1280 px.
 */
describe('the moderators’ and admins’ pages, in a browser', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let contributor: Account;
  let newcomer: Account;
  let moderator: Account;
  let web: RunningWebFront | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let bread = '';
  let concerts = '';

  beforeAll(async () => {
    ({
      stack,
      api,
      accounts: { holder, contributor, newcomer, moderator },
    } = await startStack(
      'web_moderation',
      { members: ['holder', 'contributor', 'newcomer'], moderators: ['moderator'] },
      // The payout service answers the reconciliation; the test runs it itself.
      { payments: true, env: { RECONCILIATION_INTERVAL_MS: '3600000' } },
    ));
    // Submitted one after the other, so the queue's order is known: the bread oven waits longest.
    bread = await createDraft(api, holder, completeDraft(BREAD));
    await step(api, holder, bread, 'submit');
    concerts = await createDraft(api, holder, completeDraft(CONCERTS));
    await step(api, holder, concerts, 'submit');
    // Every start settles before a failure is thrown, so afterAll stops whatever did start.
    const settled = await Promise.allSettled([
      startWebFront(stack.url).then((started) => (web = started)),
      launchChromium().then((launched) => (browser = launched)),
      waitUntil(
        async () => {
          const queue = await api.get('/api/moderation/submitted-campaigns', moderator).expect(200);
          const ids = (queue.body as QueuePage).items.map((item) => item.campaignId);
          return ids.includes(bread) && ids.includes(concerts);
        },
        { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 100, description: 'both drafts are in the review queue' },
      ),
    ]);
    const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    // Six processes and a stack of its own: on a busy machine their start outlasts the default minute.
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await stack?.stop();
  });

  const webUrl = (path: string): string => `${web?.url ?? ''}${path}`;
  const heading = (page: Page) => page.locator('h1').innerText();

  /** A fresh browser (no cookie), logged in through the page as `who`, on `next`. */
  const logIn = async (who: { email: string; password: string }, next: string): Promise<Page> => {
    await context?.close();
    if (!browser) throw new Error('no browser');
    context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    await context.route('https://images.example.org/**', (route) =>
      route.fulfill({ status: 200, contentType: 'image/svg+xml', body: COVER_SVG }),
    );
    const page = await context.newPage();
    await logInThroughPage(page, webUrl(''), who, 'fr', next);
    return page;
  };

  /** The page passes axe-core's WCAG 2.1 AA rules and is photographed. */
  const checked = async (page: Page, name: string): Promise<void> => {
    expect(await wcagViolations(page)).toEqual([]);
    await screenshots(page, name);
  };

  /** The same page in English, checked too, then back to French. */
  const checkedInEnglish = async (page: Page, name: string): Promise<void> => {
    const french = new URL(page.url());
    const response = await page.goto(webUrl(french.pathname.replace(/^\/fr\//, '/en/') + french.search));
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await checked(page, name);
  };

  const submitAndWait = async (page: Page, button: string): Promise<Response | null> => {
    const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button }).click()]);
    return response;
  };

  it('shows a moderator the queue, longest waiting first, in French and in English', async () => {
    const page = await logIn({ email: moderator.email, password: PASSWORD }, '/fr/moderation');
    expect(await heading(page)).toBe('Modération');
    const queue = page.getByRole('region', { name: 'Campagnes à examiner' });
    await expect(queue.getByRole('link').allInnerTexts()).resolves.toEqual([BREAD.title, CONCERTS.title]);
    await checked(page, 'moderation-queue-fr');
    await checkedInEnglish(page, 'moderation-queue-en');
    expect(await heading(page)).toBe('Moderation');
  });

  it('approves a campaign from its review page; its holder reads it approved', async () => {
    const page = await logIn({ email: moderator.email, password: PASSWORD }, '/fr/moderation');
    await page.getByRole('link', { name: BREAD.title }).click();
    expect(new URL(page.url()).pathname).toBe(`/fr/moderation/campaigns/${bread}`);
    expect(await heading(page)).toBe(BREAD.title);
    await expect(page.getByRole('heading', { name: 'À vérifier avant de décider' }).count()).resolves.toBe(1);
    await checked(page, 'moderation-review-fr');
    await checkedInEnglish(page, 'moderation-review-en');

    await page.goto(webUrl(`/fr/moderation/campaigns/${bread}`));
    await submitAndWait(page, 'Approuver la campagne');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/fr/moderation?done=approved');
    await expect(page.getByRole('status').innerText()).resolves.toBe(
      'La campagne est approuvée : elle ouvrira à sa date de début.',
    );
    const approved = await pageOnceItHolds(
      api,
      bread,
      (view) => view.status === 'approved',
      'the bread oven is approved',
      holder,
    );
    expect(approved.approvedAt).not.toBeNull();
  });

  it('rejects a campaign with a reason, after saying an empty reason will not do; its holder reads why', async () => {
    const page = await logIn({ email: moderator.email, password: PASSWORD }, `/en/moderation/campaigns/${concerts}`);
    // Blanks pass the browser's `required`: the web says what is wrong, in English, and nothing changes.
    await page.getByLabel('Reason for rejecting').fill('   ');
    const refusedInEnglish = await submitAndWait(page, 'Reject the campaign');
    expect(refusedInEnglish?.status()).toBe(400);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Enter a reason: the holder will read it.');
    await checked(page, 'moderation-reject-error-en');

    await page.goto(webUrl(`/fr/moderation/campaigns/${concerts}`));
    await page.getByLabel('Motif du refus').fill('  ');
    const refused = await submitAndWait(page, 'Refuser la campagne');
    expect(refused?.status()).toBe(400);
    expect(await heading(page)).toBe(`Refuser « ${CONCERTS.title} »`);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Saisissez un motif : le porteur le lira.');
    expect(await page.getByLabel('Motif du refus').getAttribute('aria-invalid')).toBe('true');
    await checked(page, 'moderation-reject-error-fr');
    expect((await api.get(`/api/campaigns/${concerts}`, holder).expect(200)).body).toMatchObject({ status: 'submitted' });

    await page.getByLabel('Motif du refus').fill(REJECTION);
    await submitAndWait(page, 'Refuser la campagne');
    expect(new URL(page.url()).search).toBe('?done=rejected');
    const rejected = await pageOnceItHolds(
      api,
      concerts,
      (view) => view.status === 'draft' && view.rejectionReason !== null,
      'the concert hall is back to draft',
      holder,
    );
    expect(rejected.rejectionReason).toBe(REJECTION);
    const queue = await api.get('/api/moderation/submitted-campaigns', moderator).expect(200);
    expect((queue.body as QueuePage).items).toEqual([]);
  });

  it('shows a change made after approval, refuses its new image with a reason, then acknowledges the rest', async () => {
    await api.patch(`/api/campaigns/${bread}`, holder).send({ title: 'Un four partagé', imageUrl: NEW_IMAGE }).expect(200);
    await waitUntil(
      async () => {
        const changed = await api.get('/api/moderation/changed-campaigns', moderator).expect(200);
        return (changed.body as QueuePage).items.some((item) => item.campaignId === bread);
      },
      { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 100, description: 'the change is listed for moderators' },
    );
    const page = await logIn({ email: moderator.email, password: PASSWORD }, '/fr/moderation');
    await page
      .getByRole('region', { name: 'Campagnes modifiées après approbation' })
      .getByRole('link', { name: 'Un four partagé' })
      .click();
    expect(await heading(page)).toBe('Modifications de « Un four partagé »');
    await expect(
      page.getByRole('img', { name: 'Nouvelle image proposée par le porteur, pas encore affichée' }).count(),
    ).resolves.toBe(1);
    await checked(page, 'moderation-changes-fr');
    await checkedInEnglish(page, 'moderation-changes-en');

    await page.goto(webUrl(`/fr/moderation/changes/${bread}`));
    await page.getByLabel('Motif du refus de l’image').fill(' ');
    expect((await submitAndWait(page, 'Refuser l’image'))?.status()).toBe(400);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Saisissez un motif');
    await checked(page, 'moderation-changes-error-fr');
    await page.goto(webUrl(`/en/moderation/changes/${bread}`));
    await page.getByLabel('Reason for refusing the image').fill(' ');
    expect((await submitAndWait(page, 'Refuse the image'))?.status()).toBe(400);
    await checked(page, 'moderation-changes-error-en');
    await page.goto(webUrl(`/fr/moderation/changes/${bread}`));
    await page.getByLabel('Motif du refus de l’image').fill(IMAGE_REFUSAL);
    await submitAndWait(page, 'Refuser l’image');
    expect(new URL(page.url()).search).toBe('?done=imageRefused');
    const refused = await pageOnceItHolds(api, bread, (view) => view.imageRefusal !== null, 'the image is refused', holder);
    expect(refused.imageRefusal).toMatchObject({ imageUrl: NEW_IMAGE, reason: IMAGE_REFUSAL });
    expect(refused.imageUrl).toBe(BREAD.imageUrl);

    // The title's change is still to be read: acknowledged from the page as it is now.
    await waitUntil(
      async () => {
        const response = await page.goto(webUrl(`/fr/moderation/changes/${bread}`));
        return response?.status() === 200 && (await page.getByRole('img').count()) === 1;
      },
      { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 200, description: 'the changes page no longer shows the refused image' },
    );
    await submitAndWait(page, 'Valider les modifications');
    expect(new URL(page.url()).search).toBe('?done=acknowledged');
    await waitUntil(
      async () => {
        const changed = await api.get('/api/moderation/changed-campaigns', moderator).expect(200);
        return (changed.body as QueuePage).items.every((item) => item.campaignId !== bread);
      },
      { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 100, description: 'no change waits any more' },
    );
  });

  it('gives a contributor the 403 page, and no link to it', async () => {
    const page = await logIn({ email: contributor.email, password: PASSWORD }, '/fr/');
    await expect(page.getByRole('link', { name: 'Modération' }).count()).resolves.toBe(0);
    for (const path of ['/fr/moderation', `/fr/moderation/campaigns/${bread}`, '/fr/admin', '/fr/admin/accounts']) {
      const response = await page.goto(webUrl(path));
      expect(response?.status()).toBe(403);
      expect(await heading(page)).toBe('Accès refusé');
    }
    await checked(page, 'moderation-forbidden-fr');
    // The web only relays the API's refusal.
    await api.get('/api/moderation/submitted-campaigns', contributor).expect(403);
  });

  it('shows the admin the overview and the roles form, in French and in English', async () => {
    const page = await logIn(stack.admin, '/fr/admin');
    expect(await heading(page)).toBe('Administration');
    await checked(page, 'admin-fr');
    await checkedInEnglish(page, 'admin-en');

    await page.goto(webUrl('/fr/admin'));
    await page.getByRole('link', { name: 'Gérer les rôles' }).click();
    expect(await heading(page)).toBe('Rôles des comptes');
    await checked(page, 'admin-accounts-fr');
    await checkedInEnglish(page, 'admin-accounts-en');
  });

  it('lets the admin grant the moderator role to an account, after a confirmation', async () => {
    const page = await logIn(stack.admin, '/fr/admin/accounts');
    await page.getByLabel('Identifiant du compte').fill('pas-un-identifiant');
    await page.getByLabel('modérateur').check();
    await page.getByLabel('Accorder').check();
    expect((await submitAndWait(page, 'Continuer'))?.status()).toBe(400);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Saisissez un identifiant de compte (un UUID).');
    await checked(page, 'admin-accounts-error-fr');

    await page.getByLabel('Identifiant du compte').fill(newcomer.id);
    await submitAndWait(page, 'Continuer');
    expect(await heading(page)).toBe('Confirmer le changement de rôle');
    await expect(page.locator('main').innerText()).resolves.toContain(
      `Accorder le rôle « modérateur » au compte ${newcomer.id} ?`,
    );
    await checked(page, 'admin-confirm-fr');
    // Nothing changed before the confirmation.
    expect(await rolesOf(newcomer)).not.toContain('moderator');
    await submitAndWait(page, 'Confirmer');
    expect(new URL(page.url()).pathname).toBe('/fr/admin/accounts');
    await expect(page.getByRole('status').innerText()).resolves.toContain(
      `Le rôle « modérateur » est accordé au compte ${newcomer.id}.`,
    );
    expect(await rolesOf(newcomer)).toContain('moderator');
    // Logged in anew, the newcomer is a moderator: the queue opens.
    const asNewcomer = await logIn({ email: newcomer.email, password: PASSWORD }, '/fr/moderation');
    expect(await heading(asNewcomer)).toBe('Modération');
  });

  it('shows the roles form’s refusal and its confirmation in English; cancelled, nothing changes', async () => {
    const page = await logIn(stack.admin, '/en/admin/accounts');
    await page.getByLabel('Account id').fill('not-an-id');
    await page.getByLabel('moderator').check();
    await page.getByLabel('Grant').check();
    expect((await submitAndWait(page, 'Continue'))?.status()).toBe(400);
    await checked(page, 'admin-accounts-error-en');
    await page.getByLabel('Account id').fill(contributor.id);
    await submitAndWait(page, 'Continue');
    expect(await heading(page)).toBe('Confirm the change of role');
    await checked(page, 'admin-confirm-en');
    await page.getByRole('link', { name: 'Cancel' }).click();
    expect(new URL(page.url()).pathname).toBe('/en/admin/accounts');
    expect(await rolesOf(contributor)).not.toContain('moderator');
  });

  it('lets the admin run a reconciliation and read its report, and the unpaid statements', async () => {
    const page = await logIn(stack.admin, '/fr/admin/reconciliation');
    expect(await heading(page)).toBe('Rapprochement des comptes');
    const before = await page.locator('main').innerText();
    await submitAndWait(page, 'Lancer un rapprochement maintenant');
    expect(new URL(page.url()).pathname).toBe('/fr/admin/reconciliation');
    const report = (await api.get('/api/admin/reconciliation', await adminAccount()).expect(200)).body as {
      run: { finishedAt: string; ok: boolean } | null;
    };
    expect(report.run?.ok).toBe(true);
    await expect(page.getByRole('status').innerText()).resolves.toBe('Tout concorde, au centime près.');
    expect(await page.locator('main').innerText()).not.toBe(before);
    await checked(page, 'admin-reconciliation-fr');
    await checkedInEnglish(page, 'admin-reconciliation-en');

    await page.goto(webUrl('/fr/admin/payouts'));
    expect(await heading(page)).toBe('Relevés non versés');
    await expect(page.locator('main').innerText()).resolves.toContain('Tous les relevés sont versés.');
    await checked(page, 'admin-payouts-fr');
    await checkedInEnglish(page, 'admin-payouts-en');
  });

  /** The stack's first admin through the API, for the checks the pages' outcomes are verified by. */
  const adminAccount = () => api.account(stack.admin);

  /** An account's roles as the API says them now (the admin's roles route answers the account). */
  const rolesOf = async (account: Account): Promise<string[]> => {
    const token = await api.logIn({ email: account.email, password: PASSWORD });
    const me = await api.get('/api/me', { token }).expect(200);
    return (me.body as { roles: string[] }).roles;
  };
});
