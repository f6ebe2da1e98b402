import { decimalOf, formatMoney } from './mail-format';
import { renderMail, type MailContext, type MailData } from './mail-templates';

/** Intl separates thousands and the euro sign with no-break spaces; the assertions read them as spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const PLEDGE = '0190f3a4-5b6c-7d8e-9f01-000000000003';
const CAMPAIGN = '0190f3a4-5b6c-7d8e-9f01-23456789abcd';

const context = (language: 'fr' | 'en', overrides: Partial<MailContext> = {}): MailContext => ({
  language,
  name: 'Camille',
  campaignTitle: 'Une épicerie <coopérative> à Bègles',
  baseUrl: 'https://elan.example',
  ...overrides,
});

const receipt = (overrides: Partial<MailData['pledge_receipt']> = {}): MailData['pledge_receipt'] => ({
  pledgeId: PLEDGE,
  campaignId: CAMPAIGN,
  fundingModel: 'keep_it_all',
  amount: eur(2_501),
  tip: eur(299),
  charged: true,
  committedAt: '2026-03-14T09:30:00Z',
  ...overrides,
});

describe('money in mails', () => {
  it.each([
    [0, 2, '0.00'],
    [1, 2, '0.01'],
    [2_501, 2, '25.01'],
    [-150, 2, '-1.50'],
    [123_456_789_012, 2, '1234567890.12'],
    [500, 0, '500'],
  ])('spells %i minor units with %i digits as %s', (minor, digits, decimal) => {
    expect(decimalOf(minor, digits)).toBe(decimal);
  });

  it('is formatted to the cent for each language, with no floating point rounding', () => {
    expect(plain(formatMoney(eur(2_501), 'fr'))).toBe('25,01 €');
    expect(formatMoney(eur(2_501), 'en')).toBe('€25.01');
    // 2^53 - 1 cents: a division by 100 would already have lost the last cent.
    expect(plain(formatMoney(eur(9_007_199_254_740_991), 'fr'))).toBe('90 071 992 547 409,91 €');
    expect(formatMoney(eur(9_007_199_254_740_991), 'en')).toBe('€90,071,992,547,409.91');
    expect(formatMoney({ amount: 500, currency: 'JPY' }, 'en')).toBe('JP¥500');
  });

  it('refuses a fraction of a minor unit', () => {
    expect(() => decimalOf(12.5, 2)).toThrow('whole number of minor units');
  });
});

describe('the pledge receipt', () => {
  it('shows the pledge and the tip on separate lines, and their total, in French', () => {
    const mail = renderMail('pledge_receipt', receipt(), context('fr'));
    expect(mail.subject).toBe('Votre contribution à « Une épicerie <coopérative> à Bègles »');
    const text = plain(mail.text);
    expect(text).toContain('Bonjour Camille,');
    expect(text).toContain(
      'Merci ! Votre paiement pour « Une épicerie <coopérative> à Bègles » a bien été reçu le 14 mars 2026.',
    );
    expect(text).toContain('Contribution au projet : 25,01 €\nPourboire à Élan : 2,99 €\nTotal payé : 28,00 €');
    expect(text).toContain(`Référence : ${PLEDGE}`);
    expect(text).toContain(`Voir la campagne : https://elan.example/campaigns/${CAMPAIGN}`);
    const html = plain(mail.html);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<td style="padding:4px 16px 4px 0">Contribution au projet</td>');
    expect(html).toMatch(/Contribution au projet<\/td><td[^>]*><strong>25,01 €<\/strong>/);
    expect(html).toMatch(/Pourboire à Élan<\/td><td[^>]*><strong>2,99 €<\/strong>/);
    expect(html).toContain('« Une épicerie &lt;coopérative&gt; à Bègles »');
    expect(html).not.toContain('<coopérative>');
  });

  it('shows the same lines in English', () => {
    const mail = renderMail('pledge_receipt', receipt(), context('en'));
    expect(mail.subject).toBe('Your pledge to “Une épicerie <coopérative> à Bègles”');
    expect(mail.text).toContain('Hello Camille,');
    expect(mail.text).toContain('Pledge to the project: €25.01\nTip to Élan: €2.99\nTotal paid: €28.00');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toMatch(/Tip to Élan<\/td><td[^>]*><strong>€2.99<\/strong>/);
  });

  it('says a 0 tip is no tip, and shows no total then', () => {
    const fr = plain(renderMail('pledge_receipt', receipt({ tip: eur(0) }), context('fr')).text);
    expect(fr).toContain('Contribution au projet : 25,01 €\nPourboire à Élan : 0,00 € (aucun pourboire)\n\n');
    expect(fr).not.toContain('Total');
    const en = renderMail('pledge_receipt', receipt({ tip: eur(0) }), context('en')).text;
    expect(en).toContain('Tip to Élan: €0.00 (no tip)');
  });

  it('tells an all-or-nothing contributor that nothing is charged unless the campaign succeeds', () => {
    const data = receipt({ fundingModel: 'all_or_nothing', charged: false });
    const fr = plain(renderMail('pledge_receipt', data, context('fr', { name: null, campaignTitle: null })).text);
    expect(fr).toMatch(/^Bonjour,\n/);
    expect(fr).toContain('Votre contribution à une campagne Élan est enregistrée');
    expect(fr).toContain('Votre carte ne sera débitée que si la campagne atteint son objectif');
    expect(fr).toContain('Total : 28,00 €');
    const en = renderMail('pledge_receipt', data, context('en')).text;
    expect(en).toContain('Your card will be charged only if the campaign reaches its goal');
  });
});

describe('the campaign outcome and the statement paid, to the holder', () => {
  const outcome = (o: MailData['campaign_outcome']['outcome']): MailData['campaign_outcome'] => ({
    campaignId: CAMPAIGN,
    outcome: o,
    total: eur(1_523_456),
    backers: 212,
    closedAt: '2026-04-15T20:00:00Z',
  });

  it.each([
    ['succeeded', 'a atteint son objectif', 'reached its goal'],
    ['failed', 'n’a pas atteint son objectif', 'did not reach its goal'],
    ['ended', 'est terminée', 'has ended'],
  ] as const)('tells the holder their campaign %s, in both languages', (o, fr, en) => {
    const inFrench = renderMail('campaign_outcome', outcome(o), context('fr'));
    expect(inFrench.subject).toBe(`« Une épicerie <coopérative> à Bègles » ${fr}`);
    expect(plain(inFrench.text)).toMatch(/ : 15 234,56 €\nContributeurs : 212/);
    expect(plain(inFrench.html)).toContain('<strong>15 234,56 €</strong>');
    const inEnglish = renderMail('campaign_outcome', outcome(o), context('en'));
    expect(inEnglish.subject).toBe(`“Une épicerie <coopérative> à Bègles” ${en}`);
    expect(inEnglish.text).toMatch(/: €15,234.56\nBackers: 212/);
  });

  it('tells the holder a statement was paid, to the cent', () => {
    const data = { statementId: PLEDGE, campaignId: CAMPAIGN, amount: eur(1_234_505), paidAt: '2026-05-02T10:00:00Z' };
    const fr = renderMail('statement_paid', data, context('fr'));
    expect(plain(fr.subject)).toBe('Votre versement de 12 345,05 € est en route');
    expect(plain(fr.text)).toContain('Montant versé : 12 345,05 €');
    expect(plain(fr.text)).toContain('le 2 mai 2026');
    const en = renderMail('statement_paid', data, context('en'));
    expect(en.subject).toBe('Your payout of €12,345.05 is on its way');
    expect(en.text).toContain('Amount paid: €12,345.05');
    expect(en.html).toContain('<strong>€12,345.05</strong>');
  });
});
