import { parseCatalogQuery } from '../../catalog-query';
import { htmlDocument } from '../../html';
import { noticeOf, withNotice } from '../notices';
import { pageContext, type PageAudience } from '../page-context';
import { A_GUEST_TOKEN, aPledge, itsCampaign } from './account.fixtures';
import { refusalOf } from './account-views';
import { myDataPage } from './my-data.page';
import { myPledgesPage } from './my-pledges.page';
import { cancelPledgePage, changePledgePage, guestErasurePage } from './pledge-forms.page';
import { registerPage } from './register.page';

const STYLESHEET = '/assets/elan.0123456789ab.css';
const logged: PageAudience = {
  viewer: { accountId: '0190c2a0-0000-7000-8000-000000000099', roles: ['contributor', 'holder'], expiresAt: new Date() },
  csrf: () => 'the-csrf-token',
};
const guest: PageAudience = { viewer: null, csrf: () => 'the-csrf-token' };
const fr = (path: string, audience = logged) => pageContext('fr', path, '', STYLESHEET, audience);
const en = (path: string, audience = logged) => pageContext('en', path, '', STYLESHEET, audience);
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
const textOf = (markup: string): string => plain(markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
const h1s = (markup: string): number => markup.match(/<h1[\s>]/g)?.length ?? 0;

describe('the registration page', () => {
  it('asks for a name, an address and a password, each labelled, with the CSRF token and where to go next', () => {
    const markup = registerPage(fr('/register'), { displayName: '', email: '', next: '/fr/campaigns/x' }).markup;
    expect(h1s(markup)).toBe(1);
    expect(markup).toContain('<label for="f-displayName">Nom affiché</label>');
    expect(markup).toContain('<label for="f-email">Adresse e-mail</label>');
    expect(markup).toContain('autocomplete="new-password"');
    expect(markup).toContain('name="csrf" value="the-csrf-token"');
    expect(markup).toContain('name="next" value="/fr/campaigns/x"');
    expect(markup).toContain('href="/fr/login?next=%2Ffr%2Fcampaigns%2Fx"');
  });

  it('shows the API’s refusals on their fields and keeps what was typed, never the password', () => {
    const markup = registerPage(en('/register'), {
      displayName: 'Camille',
      email: 'camille@example.org',
      next: '/en/',
      errors: new Map([['password', 'is too easy to guess. Add another word or two.']]),
    }).markup;
    expect(markup).toContain('aria-invalid="true"');
    expect(textOf(markup)).toContain('Password: is too easy to guess. Add another word or two.');
    expect(markup).toContain('value="camille@example.org"');
    expect(markup).toMatch(/name="password"\s+type="password"\s+value=""/);
  });
});

describe('my pledges', () => {
  it('lists each pledge with its campaign, amount and tip on separate lines, status, date and its links', () => {
    const keepItAll = aPledge({
      pledgeId: '0190c2a0-0000-7000-8000-000000000011',
      fundingModel: 'keep_it_all',
      amount: { amount: 3_000, currency: 'EUR' },
      tip: { amount: 0, currency: 'EUR' },
    });
    const ended = aPledge({ pledgeId: '0190c2a0-0000-7000-8000-000000000012', status: 'cancelled' });
    const campaigns = new Map([[aPledge().campaignId, itsCampaign()]]);
    const markup = plain(myPledgesPage(fr('/me/pledges'), { items: [aPledge(), keepItAll, ended] }, campaigns).markup);
    expect(h1s(markup)).toBe(1);
    expect(markup).toContain('<li>Contribution : 50,50 €</li>');
    expect(markup).toContain('<li>Pourboire à Élan : 5 €</li>');
    expect(markup).toContain('<li>Pourboire à Élan : 0 €</li>');
    expect(markup).toContain('<li>État : Confirmée</li>');
    expect(markup).toContain('<li>État : Annulée</li>');
    expect(markup).toContain('<li>Faite le 5 décembre 2026</li>');
    expect(markup).toContain(`href="/fr/campaigns/${aPledge().campaignId}">Un four à pain pour le village</a>`);
    expect(markup).toContain(`href="/fr/pledges/${aPledge().pledgeId}"`);
    // Change: only the committed all-or-nothing pledge; cancel: every committed one; nothing for an ended one.
    expect(markup.match(/\/change"/g)).toHaveLength(1);
    expect(markup.match(/\/cancel"/g)).toHaveLength(2);
    expect(markup).not.toContain(`${ended.pledgeId}/cancel`);
    expect(markup).toContain('aria-label="Annuler la contribution à « Un four à pain pour le village »"');
  });

  it('says when there is none, and still stands when a campaign cannot be read', () => {
    expect(textOf(myPledgesPage(en('/me/pledges'), { items: [] }, new Map()).markup)).toContain(
      'You have not backed a campaign yet.',
    );
    expect(textOf(myPledgesPage(en('/me/pledges'), { items: [aPledge()] }, new Map()).markup)).toContain('Campaign unavailable');
  });

  it('escapes what others wrote', () => {
    const campaigns = new Map([[aPledge().campaignId, itsCampaign({ title: '<script>x()</script>' })]]);
    const markup = myPledgesPage(fr('/me/pledges'), { items: [aPledge()] }, campaigns).markup;
    expect(markup).not.toContain('<script>');
  });
});

describe('changing a pledge', () => {
  const view = {
    pledge: aPledge(),
    campaign: itsCampaign(),
    idem: 'idem-0123456789abcdef',
    amount: '50,50',
    tierId: aPledge().tierId ?? '',
  };

  it('offers the amount and the open tiers of a committed all-or-nothing pledge, the tip unchanged', () => {
    const markup = changePledgePage(fr('/pledges/x/change'), view).markup;
    expect(h1s(markup)).toBe(1);
    expect(markup).toContain('value="50,50"');
    expect(markup).toContain('inputmode="decimal"');
    expect(markup).toContain('<legend>Contrepartie</legend>');
    expect(textOf(markup)).toContain('Un panier garni — à partir de 50,50 €');
    expect(markup).not.toContain('Une fournée entière');
    expect(markup).toMatch(new RegExp(`value="${aPledge().tierId}"\\s+checked`));
    expect(textOf(markup)).toContain('Votre pourboire à Élan reste de 5 €.');
    expect(markup).toContain('name="idem" value="idem-0123456789abcdef"');
    expect(markup).not.toContain('name="token"');
  });

  it('carries a guest’s token in the form and the way back', () => {
    const markup = changePledgePage(fr('/pledges/x/change', guest), { ...view, guestToken: A_GUEST_TOKEN }).markup;
    expect(markup).toContain(`name="token" value="${A_GUEST_TOKEN}"`);
    expect(markup).toContain(`href="/fr/pledges/${aPledge().pledgeId}?token=${A_GUEST_TOKEN}"`);
  });

  it('says a paid keep-it-all pledge is cancelled and made again instead, with no form', () => {
    const markup = changePledgePage(en('/pledges/x/change'), {
      ...view,
      pledge: aPledge({ fundingModel: 'keep_it_all' }),
    }).markup;
    expect(textOf(markup)).toContain('already paid: it cannot be changed. You can cancel it');
    expect(markup).not.toContain('<form method="post" action="/en/pledges');
  });

  it('shows a refusal plainly above the form', () => {
    const markup = changePledgePage(en('/pledges/x/change'), {
      ...view,
      amount: 'abc',
      errors: new Map([['amount', 'give an amount in figures']]),
      notice: 'The change was not recorded: the campaign has closed. Nothing changed.',
    }).markup;
    expect(markup).toContain('role="alert"');
    expect(textOf(markup)).toContain('The change was not recorded: the campaign has closed. Nothing changed.');
    expect(textOf(markup)).toContain('New amount (in EUR): give an amount in figures');
    expect(markup).toContain('value="abc"');
  });
});

describe('cancelling a pledge', () => {
  const view = { pledge: aPledge(), campaign: itsCampaign(), idem: 'idem-0123456789abcdef' };

  it('says what will happen: a paid keep-it-all pledge refunded tip included, an all-or-nothing one never charged', () => {
    const paid = aPledge({ fundingModel: 'keep_it_all' });
    expect(textOf(cancelPledgePage(fr('/pledges/x/cancel'), { ...view, pledge: paid }).markup)).toContain(
      'vous serez remboursé de 55,50 € (contribution et pourboire compris)',
    );
    expect(textOf(cancelPledgePage(en('/pledges/x/cancel'), { ...view, pledge: paid }).markup)).toContain(
      '€55.50 (pledge and tip) is refunded',
    );
    const markup = cancelPledgePage(en('/pledges/x/cancel'), view).markup;
    expect(h1s(markup)).toBe(1);
    expect(textOf(markup)).toContain('your card will never be charged for this pledge');
    expect(markup).toContain(`action="/en/pledges/${aPledge().pledgeId}/cancel"`);
  });

  it('offers no form once the pledge is no longer committed', () => {
    const markup = cancelPledgePage(en('/pledges/x/cancel'), { ...view, pledge: aPledge({ status: 'cancelled' }) }).markup;
    expect(textOf(markup)).toContain('This pledge can no longer be cancelled as it stands.');
    expect(markup).not.toContain('action="/en/pledges/');
  });
});

describe('personal data', () => {
  it('downloads, and says what erasure erases, ends and keeps before the password that confirms it', () => {
    const markup = myDataPage(fr('/me/data')).markup;
    expect(h1s(markup)).toBe(1);
    expect(markup).toContain('href="/fr/me/data/download" download');
    const text = textOf(markup);
    expect(text).toContain('Seront effacés : votre nom, votre adresse e-mail');
    expect(text).toContain('Restent conservés, comme la loi l’exige');
    expect(markup).toContain('autocomplete="current-password"');
    expect(markup).toContain('name="csrf"');
  });

  it('lets a guest erase their pledge’s data through the private link, saying what stays', () => {
    const markup = guestErasurePage(en('/pledges/x/erase', guest), {
      pledge: aPledge({ contributor: { kind: 'guest', name: 'Camille', email: 'c@example.org', showName: false } }),
      campaign: null,
      guestToken: A_GUEST_TOKEN,
      idem: 'idem-0123456789abcdef',
    }).markup;
    expect(textOf(markup)).toContain('This private link still shows it.');
    expect(markup).toContain(`name="token" value="${A_GUEST_TOKEN}"`);
  });

  it('tells a 409 apart by what the API names', () => {
    expect(refusalOf({ status: 409, details: { field: 'deadline' } } as never)).toBe('refusal.deadline');
    expect(refusalOf({ status: 409, details: { field: 'tierId' } } as never)).toBe('refusal.tier');
    expect(refusalOf({ status: 409 })).toBe('refusal.state');
  });

  it('renders whole documents under the budget', () => {
    expect(Buffer.byteLength(htmlDocument(myDataPage(en('/me/data'))))).toBeLessThan(20 * 1024);
  });
});

describe('a notice after a redirect', () => {
  it('shows only the notices it knows, and the catalog does not take it for a filter', () => {
    const erased = pageContext('fr', '/', '?notice=erased', STYLESHEET);
    expect(noticeOf(erased).markup).toContain('role="status"');
    expect(textOf(noticeOf(erased).markup)).toContain('Votre compte et vos données personnelles ont été effacés.');
    expect(noticeOf(pageContext('en', '/', '?notice=%3Cb%3Ehello', STYLESHEET)).markup).toBe('');
    expect(noticeOf(pageContext('en', '/', '?notice=toString', STYLESHEET)).markup).toBe('');
    expect(withNotice('/', 'erased')).toBe('/?notice=erased');
    expect(parseCatalogQuery(new URLSearchParams('notice=erased&q=four')).invalid).toEqual([]);
  });
});
