import { htmlDocument } from '../../html';
import { aLiveCampaign } from '../page.fixtures';
import { pageContext, type PageContext } from '../page-context';
import { accountsPage, confirmRolePage, EMPTY_ROLES_FORM } from './accounts.page';
import { adminPage } from './admin.page';
import { changesPage } from './changes.page';
import { aChangedCampaign, aFailedStatement, aMismatch, aReport, aSubmittedCampaign } from './moderation.fixtures';
import { moderationQueuePage } from './queue.page';
import { reconciliationPage } from './reconciliation.page';
import { rejectPage, reviewPage } from './review.page';
import { unpaidPage } from './unpaid.page';

const STYLESHEET = '/assets/elan.0123456789ab.css';
const moderator = { accountId: '0190c2a0-0000-7000-8000-000000000099', roles: ['moderator'] as const, expiresAt: new Date() };
const as = (locale: 'fr' | 'en', path = '/moderation', search = ''): PageContext =>
  pageContext(locale, path, search, STYLESHEET, {
    viewer: { ...moderator, roles: [...moderator.roles] },
    csrf: () => 'csrf-token',
  });
const fr = as('fr');
const en = as('en');
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
const textOf = (markup: string): string => plain(markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
const h1s = (markup: string): number => markup.match(/<h1[ >]/g)?.length ?? 0;
const noChanges = { items: [], nextCursor: null };

describe('the moderation queue', () => {
  it('lists the submitted campaigns as the API orders them, each a link to its review', () => {
    const first = aSubmittedCampaign({ title: 'Le plus ancien', campaignId: '0190c2a0-0000-7000-8000-000000000011' });
    const second = aSubmittedCampaign({ title: 'Le suivant', submittedAt: '2026-11-22T09:00:00.000Z' });
    const markup = moderationQueuePage(fr, {
      queue: { items: [first, second], nextCursor: null },
      changed: noChanges,
      at: {},
    }).markup;
    expect(markup.indexOf('Le plus ancien')).toBeLessThan(markup.indexOf('Le suivant'));
    expect(markup).toContain('href="/fr/moderation/campaigns/0190c2a0-0000-7000-8000-000000000011"');
    expect(textOf(markup)).toContain('Soumise le 21 novembre 2026 à 10:00');
    expect(textOf(markup)).toContain('Objectif : 5 000 €');
    expect(textOf(markup)).toContain('Aucune modification n’attend de relecture.');
    expect(h1s(markup)).toBe(1);
  });

  it('pages each list on its own, keeping where the other one was', () => {
    const context = as('en', '/moderation', '?changes=c2');
    const markup = moderationQueuePage(context, {
      queue: { items: [aSubmittedCampaign()], nextCursor: 'q2' },
      changed: { items: [aChangedCampaign()], nextCursor: 'c3' },
      at: { changes: 'c2' },
    }).markup;
    expect(markup).toContain('href="/en/moderation?queue=q2&amp;changes=c2"');
    expect(markup).toContain('href="/en/moderation?changes=c3"');
  });

  it('says what changed after approval, in the page’s words, and that an image waits', () => {
    const text = textOf(
      moderationQueuePage(en, { queue: noChanges, changed: { items: [aChangedCampaign()], nextCursor: null }, at: {} }).markup,
    );
    expect(text).toContain('No campaign is waiting for review.');
    expect(text).toContain('Changed parts: title, image');
    expect(text).toContain('A new image is waiting for your approval.');
  });

  it('says once what the moderator just did', () => {
    const markup = moderationQueuePage(fr, { queue: noChanges, changed: noChanges, at: {}, done: 'rejected' }).markup;
    expect(markup).toContain('<p class="notice" role="status">La campagne est renvoyée à son porteur avec votre motif.</p>');
  });
});

describe('the review of a campaign', () => {
  const campaign = aLiveCampaign({ status: 'submitted', approvedAt: null, launchedAt: null, title: 'Un four <b>neuf</b>' });

  it('shows the public page with one h1, what to check, and the two decisions as POST forms with the CSRF token', () => {
    const markup = reviewPage(fr, campaign).markup;
    expect(h1s(markup)).toBe(1);
    expect(markup).toContain('<h1>Un four &lt;b&gt;neuf&lt;/b&gt;</h1>');
    expect(textOf(markup)).toContain('L’histoire du projet');
    expect(textOf(markup)).toContain('À vérifier avant de décider');
    expect(markup).toContain(`action="/fr/moderation/campaigns/${campaign.campaignId}/approve"`);
    expect(markup).toContain(`action="/fr/moderation/campaigns/${campaign.campaignId}/reject"`);
    expect(markup.match(/name="csrf" value="csrf-token"/g)).toHaveLength(3); // log-out, approve, reject
    expect(markup).toMatch(/<textarea[^>]*maxlength="2000"[^>]*required/);
  });

  it('says first why an approval was refused', () => {
    const markup = reviewPage(en, campaign, 'This campaign no longer waits for review.').markup;
    expect(markup.indexOf('role="alert"')).toBeLessThan(markup.indexOf('<h1>'));
  });

  it('shows the reject form again with its error tied to the field, the reason kept and escaped', () => {
    const errors = new Map([['reason', 'Saisissez un motif : le porteur le lira.']]);
    const markup = rejectPage(fr, campaign, { reason: '<script>x</script>', errors }).markup;
    expect(h1s(markup)).toBe(1);
    expect(markup).toContain('href="#f-reason"');
    expect(markup).toContain('aria-invalid="true"');
    expect(markup).toMatch(/aria-describedby="f-reason-hint f-reason-error"/);
    expect(markup).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(markup).not.toContain('<script>');
  });
});

describe('the changes after approval', () => {
  it('sets the words as reviewed beside the words now, and the image shown beside the one proposed', () => {
    const campaign = aLiveCampaign({ title: 'Un four partagé', pendingImageUrl: 'https://images.example.org/four-2.jpg' });
    const markup = changesPage(fr, aChangedCampaign(), campaign).markup;
    const text = textOf(markup);
    expect(text).toContain('Tel que relu Un four à pain pour le village');
    expect(text).toContain('Maintenant Un four partagé');
    expect(text).toContain('Inchangé depuis la dernière relecture.');
    expect(markup).toContain('alt="Nouvelle image proposée par le porteur, pas encore affichée"');
    expect(markup.match(/name="version" value="7"/g)).toHaveLength(2);
    expect(h1s(markup)).toBe(1);
  });

  it('offers no refusal when no image waits', () => {
    const markup = changesPage(en, aChangedCampaign({ pendingImageUrl: null, changedParts: ['story'] }), aLiveCampaign()).markup;
    expect(markup).not.toContain('refuse-image');
    expect(markup).toContain('Acknowledge the changes');
  });
});

describe('the administration', () => {
  const admin = (locale: 'fr' | 'en', path: string) =>
    pageContext(locale, path, '', STYLESHEET, {
      viewer: { accountId: moderator.accountId, roles: ['admin'], expiresAt: new Date() },
      csrf: () => 'csrf-token',
    });

  it('says where the reconciliation and the payouts stand', () => {
    const text = textOf(
      adminPage(admin('fr', '/admin'), aReport([aMismatch(1, '2026-12-01T08:00:00.000Z')]), { statements: [], total: 3 }).markup,
    );
    expect(text).toContain('Dernier rapprochement le 5 décembre 2026 à 09:00 : 1 écart reste ouvert.');
    expect(text).toContain('3 relevés ne sont pas encore versés.');
    expect(
      textOf(adminPage(admin('en', '/admin'), { run: null, mismatches: [] }, { statements: [], total: 0 }).markup),
    ).toContain('The reconciliation has never run yet.');
  });

  it('shows the report: all matching, or the open mismatches longest open first, amounts to the cent', () => {
    expect(textOf(reconciliationPage(admin('fr', '/admin/reconciliation'), aReport()).markup)).toContain(
      'Tout concorde, au centime près.',
    );
    const markup = reconciliationPage(
      admin('en', '/admin/reconciliation'),
      aReport([aMismatch(2, '2026-12-04T08:00:00.000Z'), aMismatch(1, '2026-12-01T08:00:00.000Z')]),
    ).markup;
    const text = textOf(markup);
    expect(text).toContain('2 open mismatches');
    expect(markup.indexOf('payment_amount:pi_1')).toBeLessThan(markup.indexOf('payment_amount:pi_2'));
    expect(text).toContain('Expected €50.50');
    expect(text).toContain('Found €50');
    expect(text).toContain('Pledges collected €1,250.50');
    expect(markup).toContain('action="/en/admin/reconciliation/runs"');
  });

  it('lists the unpaid statements with why each waits', () => {
    const markup = unpaidPage(admin('fr', '/admin/payouts'), { statements: [aFailedStatement()], total: 1 }).markup;
    const text = textOf(markup);
    expect(markup).toContain('<th scope="col">Montant dû</th>');
    expect(text).toContain('102 €');
    expect(text).toContain('Virement en échec');
    expect(text).toContain('Échec du virement (insufficient_funds) : The platform balance is too low.');
    expect(text).toContain('Prochain essai le 4 décembre 2026 à 13:00.');
  });

  it('asks for an account, a role and an action, and shows what was refused', () => {
    const errors = new Map([['role', 'Choisissez un rôle.']]);
    const markup = accountsPage(admin('fr', '/admin/accounts'), {
      ...EMPTY_ROLES_FORM,
      accountId: 'abc',
      action: 'grant',
      errors,
    }).markup;
    expect(markup).toContain('<legend>Rôle</legend>');
    expect(markup).toContain('href="#f-role"');
    expect(markup).toMatch(/value="grant"\s+checked/);
    expect(markup).toContain('value="abc"');
  });

  it('says what changed, and asks to confirm before anything changes', () => {
    const account = '0190c2a0-0000-7000-8000-000000000005';
    const done = textOf(
      accountsPage(admin('en', '/admin/accounts'), EMPTY_ROLES_FORM, {
        action: 'grant',
        role: 'moderator',
        accountId: account,
        roles: ['contributor', 'holder', 'moderator'],
      }).markup,
    );
    expect(done).toContain(
      `The “moderator” role is granted to the account ${account}. Its roles: contributor, project holder, moderator.`,
    );
    const confirm = confirmRolePage(admin('fr', '/admin/accounts/roles'), {
      accountId: account,
      role: 'admin',
      action: 'revoke',
    }).markup;
    expect(textOf(confirm)).toContain(`Retirer le rôle « administrateur » au compte ${account} ?`);
    expect(confirm).toContain('<input type="hidden" name="confirmed" value="yes" />');
    expect(confirm).toContain('href="/fr/admin/accounts">Annuler</a>');
  });

  it('stays small: no script, and a page of 100 statements well within the budget', () => {
    const statements = Array.from({ length: 100 }, () => aFailedStatement());
    const markup = htmlDocument(unpaidPage(admin('fr', '/admin/payouts'), { statements, total: 100 }));
    expect(markup).not.toContain('<script');
    expect(Buffer.byteLength(markup)).toBeLessThan(120 * 1024);
  });
});
