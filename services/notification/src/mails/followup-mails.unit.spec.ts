import { excerptOf } from './campaign-update.mail';
import { renderMail, type MailContext, type MailData } from './mail-templates';

/** Intl separates the euro sign and times with no-break spaces; the assertions read them as spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const PLEDGE = '0190f3a4-5b6c-7d8e-9f01-000000000003';
const CAMPAIGN = '0190f3a4-5b6c-7d8e-9f01-23456789abcd';
const UPDATE = '0190f3a4-5b6c-7d8e-9f01-000000000004';

const context = (language: 'fr' | 'en', overrides: Partial<MailContext> = {}): MailContext => ({
  language,
  name: 'Camille',
  campaignTitle: 'Une épicerie <coopérative> à Bègles',
  baseUrl: 'https://elan.example',
  ...overrides,
});

describe('a declined collection, to the contributor', () => {
  const declined = (overrides: Partial<MailData['collection_declined']> = {}): MailData['collection_declined'] => ({
    pledgeId: PLEDGE,
    campaignId: CAMPAIGN,
    guest: false,
    attempt: 1,
    retryUntil: '2026-04-22T20:00:00Z',
    declinedAt: '2026-04-15T20:00:03Z',
    ...overrides,
  });

  it('gives an account the link to its pledge page and the end of the window, in French', () => {
    const mail = renderMail('collection_declined', declined(), context('fr'));
    expect(mail.subject).toBe('Votre carte a été refusée : donnez-en une nouvelle');
    const text = plain(mail.text);
    expect(text).toContain(
      '« Une épicerie <coopérative> à Bègles » a atteint son objectif, mais votre banque a refusé le prélèvement de votre contribution le 15 avril 2026. Rien n’a été prélevé.',
    );
    expect(text).toContain('jusqu’au 22 avril 2026 à 22:00 (heure de Paris)');
    expect(text).toContain(`Donner une nouvelle carte : https://elan.example/fr/pledges/${PLEDGE}`);
    expect(text).toContain(`Référence : ${PLEDGE}`);
    const html = plain(mail.html);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(`<a href="https://elan.example/fr/pledges/${PLEDGE}">Donner une nouvelle carte</a>`);
    expect(html).toContain('« Une épicerie &lt;coopérative&gt; à Bègles »');
  });

  it('says so in English, the link in English, and "again" after a new card was declined too', () => {
    const mail = renderMail('collection_declined', declined({ attempt: 2 }), context('en'));
    expect(mail.subject).toBe('Your card was declined: please give a new one');
    const text = plain(mail.text);
    expect(text).toContain('but your bank again declined the charge of your pledge on 15 April 2026');
    expect(text).toContain('until 22 April 2026 at 22:00 (Paris time)');
    expect(text).toContain(`Give a new card: https://elan.example/en/pledges/${PLEDGE}`);
    expect(plain(mail.html)).toContain(`<a href="https://elan.example/en/pledges/${PLEDGE}">Give a new card</a>`);
  });

  it('never gives a guest a link, which could not open their pledge: it sends them to their private link', () => {
    for (const language of ['fr', 'en'] as const) {
      const mail = renderMail('collection_declined', declined({ guest: true }), context(language, { name: null }));
      expect(mail.text).not.toContain('/pledges/');
      expect(mail.html).not.toContain('/pledges/');
      expect(mail.text).toContain(language === 'fr' ? 'ouvrez le lien privé' : 'open the private link');
      expect(mail.html).toContain(language === 'fr' ? 'ouvrez le lien privé' : 'open the private link');
    }
  });
});

describe('an update posted, to a backer', () => {
  const update = (overrides: Partial<MailData['campaign_update']> = {}): MailData['campaign_update'] => ({
    campaignId: CAMPAIGN,
    updateId: UPDATE,
    title: 'Les travaux <commencent>',
    excerpt: 'Le chantier ouvre lundi.\n\nMerci à vous & à tous.',
    truncated: false,
    postedAt: '2026-03-20T10:00:00Z',
    ...overrides,
  });

  it('carries the title and the text, a paragraph each, in French', () => {
    const mail = renderMail('campaign_update', update(), context('fr'));
    expect(mail.subject).toBe('Nouvelles de « Une épicerie <coopérative> à Bègles » : Les travaux <commencent>');
    expect(mail.text).toContain(
      'a publié des nouvelles le 20 mars 2026 :\n\nLes travaux <commencent>\n\nLe chantier ouvre lundi.\n\nMerci à vous & à tous.',
    );
    expect(mail.text).toContain(`Voir la campagne : https://elan.example/campaigns/${CAMPAIGN}`);
    expect(mail.text).not.toContain('La suite');
    expect(mail.html).toContain(
      '<p>Les travaux &lt;commencent&gt;</p>\n<p>Le chantier ouvre lundi.</p>\n<p>Merci à vous &amp; à tous.</p>',
    );
  });

  it('sends to the campaign page for the rest of a long update, in English', () => {
    const mail = renderMail('campaign_update', update({ truncated: true }), context('en', { campaignTitle: null }));
    expect(mail.subject).toBe('News from the campaign you back: Les travaux <commencent>');
    expect(mail.text).toContain('posted news on 20 March 2026:');
    expect(mail.text).toContain('[…] Read on on the campaign page.');
    expect(mail.text).toContain('You receive this mail because you back this campaign.');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('keeps a short update whole, and cuts a long one at a word, never inside a character', () => {
    expect(excerptOf('  Le chantier ouvre lundi.  ')).toEqual({ excerpt: 'Le chantier ouvre lundi.', truncated: false });
    const long = `${'mot '.repeat(300)}fin`;
    const { excerpt, truncated } = excerptOf(long, 1_000);
    expect(truncated).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(1_000);
    expect(excerpt.endsWith('mot')).toBe(true);
    const emoji = excerptOf('🥖'.repeat(20), 10);
    expect(emoji).toEqual({ excerpt: '🥖'.repeat(10), truncated: true });
  });
});

describe('moderation decisions, to the holder', () => {
  const approved: MailData['moderation_decision'] = {
    campaignId: CAMPAIGN,
    title: 'Un four <à pain>',
    decision: 'approved',
    startsAt: '2026-03-01T08:00:00Z',
    deadline: '2026-04-15T20:00:00Z',
    decidedAt: '2026-02-20T10:00:00Z',
  };
  const rejected: MailData['moderation_decision'] = {
    campaignId: CAMPAIGN,
    title: 'Un four <à pain>',
    decision: 'rejected',
    reason: 'Précisez le budget & les délais.',
    decidedAt: '2026-02-20T10:00:00Z',
  };

  it('tells of an approval with the campaign’s dates, in both languages', () => {
    const fr = renderMail('moderation_decision', approved, context('fr', { campaignTitle: null }));
    expect(fr.subject).toBe('« Un four <à pain> » est approuvée');
    expect(plain(fr.text)).toContain(
      'la modération a approuvé votre campagne « Un four <à pain> » le 20 février 2026. Elle s’ouvrira aux contributions le 1 mars 2026 à 09:00 et se clôturera le 15 avril 2026 à 22:00 (heure de Paris).',
    );
    expect(fr.html).toContain('« Un four &lt;à pain&gt; »');
    const en = renderMail('moderation_decision', approved, context('en'));
    expect(en.subject).toBe('“Un four <à pain>” is approved');
    expect(plain(en.text)).toContain('It opens to pledges on 1 March 2026 at 09:00 and closes on 15 April 2026 at 22:00');
    expect(en.text).toContain(`See the campaign: https://elan.example/campaigns/${CAMPAIGN}`);
  });

  it('tells of a rejection with the moderator’s reason and what to do, in both languages', () => {
    const fr = renderMail('moderation_decision', rejected, context('fr'));
    expect(fr.subject).toBe('« Un four <à pain> » : des changements sont demandés');
    expect(fr.text).toContain(
      'Voici pourquoi :\n\nPrécisez le budget & les délais.\n\nVotre campagne est revenue à l’état de brouillon',
    );
    expect(fr.html).toContain('<p>Précisez le budget &amp; les délais.</p>');
    expect(fr.text).not.toContain('/campaigns/');
    const en = renderMail('moderation_decision', rejected, context('en'));
    expect(en.subject).toBe('“Un four <à pain>”: changes are needed');
    expect(en.text).toContain('Here is why:\n\nPrécisez le budget & les délais.\n\nYour campaign is back to draft');
    expect(en.html).toContain('<html lang="en">');
  });
});
