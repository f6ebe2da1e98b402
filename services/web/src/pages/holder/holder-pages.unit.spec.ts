import { htmlDocument, type Html } from '../../html';
import { aLiveCampaign } from '../page.fixtures';
import { pageContext } from '../page-context';
import { EMPTY_CAMPAIGN_FORM } from './campaign-form';
import { campaignFormPage } from './campaign-form.page';
import { backersPage } from './backers.page';
import { manageCampaignPage } from './manage-campaign.page';
import { myCampaignsPage } from './my-campaigns.page';
import { payoutAccountPage } from './payout-account.page';
import { previewPage } from './preview.page';

const STYLESHEET = '/assets/elan.0123456789ab.css';
const viewer = {
  accountId: '0190c2a0-0000-7000-8000-000000000002',
  roles: ['contributor', 'holder'] as const,
  expiresAt: new Date(),
};
const contextIn = (locale: 'fr' | 'en') =>
  pageContext(locale, '/holder/campaigns', '', STYLESHEET, { viewer, csrf: () => 'the-csrf-token' });
const fr = contextIn('fr');
const en = contextIn('en');
const textOf = (page: Html): string =>
  page.markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[\u00a0\u202f]/g, ' ');
const h1s = (page: Html): number => (page.markup.match(/<h1[\s>]/g) ?? []).length;

const aDraft = () =>
  aLiveCampaign({
    status: 'draft',
    goal: null,
    committed: { amount: 0, currency: 'EUR' },
    backers: 0,
    percentOfGoal: null,
    launchedAt: null,
    timeLeftSeconds: null,
    approvedAt: null,
    submittedAt: null,
    updates: [],
    rejectionReason: 'Le résumé ne dit pas où sera le four.',
  });

describe('the holder’s campaign form', () => {
  it('shows the form again with each error linked to its field, and the form’s CSRF and idempotency fields', () => {
    const page = campaignFormPage(fr, {
      mode: 'create',
      values: { ...EMPTY_CAMPAIGN_FORM, title: 'Un four <b>à pain</b>' },
      errors: new Map([['goal', 'Indiquez l’objectif en euros.']]),
      idem: '0190c2a0-0000-7000-8000-00000000abcd',
    });
    expect(page.markup).toContain('<a href="#f-goal">Objectif (en euros) : Indiquez l’objectif en euros.</a>');
    expect(page.markup).toMatch(/id="f-goal"[^>]*aria-describedby="f-goal-hint f-goal-error"[^>]*aria-invalid="true"/s);
    expect(page.markup).toContain('name="csrf" value="the-csrf-token"');
    expect(page.markup).toContain('name="idem" value="0190c2a0-0000-7000-8000-00000000abcd"');
    expect(page.markup).toContain('value="Un four &lt;b&gt;à pain&lt;/b&gt;"');
    expect(textOf(page)).toContain('Enregistrer et prévisualiser');
    expect(h1s(page)).toBe(1);
  });

  it('once approved, offers only the words and the image, and shows what is frozen', () => {
    const page = campaignFormPage(en, {
      mode: 'approved',
      campaignId: aLiveCampaign().campaignId,
      values: { ...EMPTY_CAMPAIGN_FORM, title: 'Bread', goal: '5000', category: 'food', departement: '62' },
    });
    expect(page.markup).not.toContain('name="goal"');
    expect(page.markup).not.toContain('name="category"');
    expect(page.markup).toContain('name="imageUrl"');
    expect(textOf(page)).toContain('What no longer changes');
    expect(textOf(page)).toContain('5000 €');
  });
});

describe('the holder’s campaign pages', () => {
  it('lists the campaigns with their status and next step', () => {
    const page = myCampaignsPage(fr, { items: [aDraft()], nextCursor: null }, undefined);
    const text = textOf(page);
    expect(text).toContain('Brouillon');
    expect(text).toContain('pas encore fixé');
    expect(text).toContain('la modération vous a renvoyé le brouillon : « Le résumé ne dit pas où sera le four. »');
    expect(h1s(page)).toBe(1);
  });

  it('tells a draft’s holder what moderators check before the submit button, and offers to delete tiers', () => {
    const page = manageCampaignPage(fr, { campaign: aDraft() });
    const text = textOf(page);
    expect(text).toContain('Envoyer à la modération');
    expect(text).toContain('que le début est dans le futur');
    expect(page.markup).toContain(`action="/fr/holder/campaigns/${aDraft().campaignId}/submit"`);
    expect(page.markup).toContain('aria-label="Supprimer « Une miche »"');
    expect(page.markup).not.toContain('/close"');
    expect(text).not.toContain('Publier une actualité');
  });

  it('offers a live campaign’s holder to close tiers, post updates and see backers and statements', () => {
    const page = manageCampaignPage(en, { campaign: aLiveCampaign(), notice: 'The update is published on the campaign page.' });
    const text = textOf(page);
    expect(page.markup).toContain('aria-label="Close “Une miche”"');
    expect(page.markup).not.toContain('/delete"');
    expect(text).toContain('Post an update');
    expect(text).toContain('Backers and CSV export');
    expect(text).toContain('19 taken of 20');
    expect(page.markup).toContain('role="status"');
  });

  it('previews the campaign page under a banner and a title of its own', () => {
    const page = previewPage(fr, aDraft());
    expect(page.markup).toContain('<title>Aperçu : Un four à pain pour le village — Élan</title>');
    expect(textOf(page)).toContain('Cette page n’est pas encore publique');
    expect(textOf(page)).toContain('Un pétrin mécanique');
    expect(h1s(page)).toBe(1);
    expect(htmlDocument(page)).not.toContain('<script');
  });
});

describe('the holder’s money pages', () => {
  it('lists backers in a table with a caption and links the CSV', () => {
    const campaign = aLiveCampaign();
    const page = backersPage(en, campaign, {
      items: [
        {
          pledgeId: '0190c2a0-0000-7000-8000-000000000010',
          publicName: 'anonymous',
          name: 'Camille Martin',
          email: 'camille@example.org',
          amount: { amount: 5_050, currency: 'EUR' },
          tierId: campaign.tiers[1]?.tierId ?? null,
          committedAt: '2026-12-05T12:00:00.000Z',
          status: 'committed',
        },
      ],
      nextCursor: null,
    });
    const text = textOf(page);
    expect(page.markup).toContain('<caption id="backers-caption">');
    expect(page.markup).toContain(`href="/en/holder/campaigns/${campaign.campaignId}/backers.csv"`);
    expect(text).toContain('Anonymous Camille Martin camille@example.org €50.50 Un panier garni');
    expect(text).toContain('Pledged');
  });

  it('shows the payout account’s status and the button that goes on to Stripe', () => {
    const page = payoutAccountPage(
      fr,
      {
        status: 'none',
        requirements: [],
        disabledReason: null,
        canReceiveTransfers: false,
        explanation: 'No payout account yet.',
      },
      'expired',
    );
    expect(textOf(page)).toContain('Pas encore ouvert');
    expect(textOf(page)).toContain('Le lien vers Stripe a expiré.');
    expect(page.markup).toContain('action="/fr/me/payout-account"');
    expect(textOf(page)).toContain('Ouvrir mon compte de versement chez Stripe');
  });
});
