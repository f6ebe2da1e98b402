import { htmlDocument } from '../html';
import { campaignPage } from './campaign.page';
import { catalogPage } from './catalog.page';
import { aLiveCampaign, someMessages } from './page.fixtures';
import { pageContext } from './page-context';
import { notFoundPage, unavailablePage } from './problem.pages';

const STYLESHEET = '/assets/elan.0123456789ab.css';
const fr = pageContext('fr', '/campaigns/x', '', STYLESHEET);
const en = pageContext('en', '/campaigns/x', '', STYLESHEET);
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
const textOf = (markup: string): string => plain(markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));

/** Issue #12's budget for a campaign page: HTML and CSS together, images aside. */
const PAGE_BUDGET_BYTES = 50 * 1024;

describe('the campaign page', () => {
  const messages = { available: true, page: someMessages(2) } as const;

  it('shows where the campaign stands, its tiers with the units left, in the page’s language', () => {
    const text = textOf(campaignPage(fr, aLiveCampaign(), messages).markup);
    expect(text).toContain('1 250 € promis sur un objectif de 5 000 €');
    expect(text).toContain('25 % de l’objectif');
    expect(text).toContain('12 contributeurs');
    expect(text).toContain('Il reste 12 jours : la collecte se termine le 31 décembre 2026 à 18:00.');
    expect(text).toContain('À partir de 50,50 €');
    expect(text).toContain('1 restante sur 20');
    expect(text).toContain('Sans limite de quantité');
    expect(text).toContain('Livraison estimée : mars 2027');
    expect(text).toContain('Anonyme, le 5 décembre 2026');

    const english = textOf(campaignPage(en, aLiveCampaign(), messages).markup);
    expect(english).toContain('€1,250 pledged of a €5,000 goal');
    expect(english).toContain('1 of 20 left');
    expect(english).toContain('12 days left: pledges close on 31 December 2026 at 18:00.');
  });

  it('shows the plain-language summary first when the API has one', () => {
    const markup = campaignPage(fr, aLiveCampaign({ plainLanguageSummary: 'On refait le four. Venez !' }), messages).markup;
    expect(markup.indexOf('On refait le four.')).toBeGreaterThan(markup.indexOf('<h1>'));
    expect(markup.indexOf('On refait le four.')).toBeLessThan(markup.indexOf('Un four collectif'));
    expect(campaignPage(fr, aLiveCampaign(), messages).markup).not.toContain('plain-language');
  });

  it('heads the plain-language summary in the page’s language, before the summary and the story, its paragraphs kept', () => {
    const plainLanguageSummary = 'On refait le four.\n\nVenez cuire votre pain !';
    const french = textOf(campaignPage(fr, aLiveCampaign({ plainLanguageSummary }), messages).markup);
    expect(french).toMatch(/En bref, facile à lire On refait le four\. Venez cuire votre pain ! Un four collectif.* L’histoire/);
    const markup = campaignPage(en, aLiveCampaign({ plainLanguageSummary }), messages).markup;
    expect(textOf(markup)).toContain('In short, easy to read On refait le four.');
    expect(markup).toMatch(/<p>On refait le four\.<\/p>\s*<p>Venez cuire votre pain !<\/p>/);
    expect(markup.match(/<h2 id="plain-language">/g)).toHaveLength(1);
  });

  it('escapes what holders and contributors wrote', () => {
    const markup = campaignPage(fr, aLiveCampaign({ title: '<img src=x onerror=alert(1)>', story: '<script>steal()</script>' }), {
      available: true,
      page: someMessages(1, '"><script>x()</script>'),
    }).markup;
    expect(markup).not.toMatch(/<script|<img src=x/);
    expect(markup).toContain('&lt;script&gt;steal()&lt;/script&gt;');
  });

  it('stands without the messages of support when they cannot be read', () => {
    const text = textOf(campaignPage(en, aLiveCampaign(), { available: false }).markup);
    expect(text).toContain('The messages of support cannot be shown right now.');
    expect(text).toContain('The story');
  });

  it('says why a cancelled campaign stopped', () => {
    const text = textOf(
      campaignPage(en, aLiveCampaign({ status: 'cancelled', cancellationReason: 'The site was sold.' }), messages).markup,
    );
    expect(text).toContain('This campaign was cancelled: The site was sold.');
  });

  it('stays within 50 KB of HTML with a long story, many tiers, updates and messages', () => {
    const campaign = aLiveCampaign({
      story: 'Une phrase du projet, assez longue pour compter. '.repeat(200),
      tiers: Array.from({ length: 12 }, (_, index) => ({ ...aLiveCampaign().tiers[1]!, title: `Palier ${index}` })),
      updates: Array.from({ length: 5 }, () => aLiveCampaign().updates[0]!),
    });
    const bytes = Buffer.byteLength(htmlDocument(campaignPage(fr, campaign, { available: true, page: someMessages(20) })));
    // The stylesheet is measured by the browser test, with the page as served.
    expect(bytes).toBeLessThan(PAGE_BUDGET_BYTES - 8 * 1024);
  });
});

describe('the frame of every page', () => {
  it('names its language, links the same page in the other, and loads no script', () => {
    const markup = htmlDocument(notFoundPage(fr));
    expect(markup).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(markup).toContain('<a href="/en/campaigns/x" hreflang="en" lang="en">English</a>');
    expect(markup).toContain(`<link rel="stylesheet" href="${STYLESHEET}" />`);
    expect(markup).not.toContain('<script');
  });

  it('offers to try the same page again when the API is down', () => {
    const context = pageContext('en', '/', '?q=pain', STYLESHEET);
    expect(unavailablePage(context).markup).toContain('<a href="/en/?q=pain">Try again</a>');
  });
});

describe('the catalog', () => {
  it('keeps the search in its form and links the next page of the same search', () => {
    const context = pageContext('fr', '/', '?q=pain&status=live', STYLESHEET);
    const markup = catalogPage(
      context,
      { query: { q: 'pain', status: 'live', limit: 12 }, invalid: [] },
      { items: [aLiveCampaign()], nextCursor: 'next-one' },
    ).markup;
    expect(markup).toContain('value="pain"');
    expect(markup).toMatch(/<option value="live"\s+selected>/);
    expect(markup).toContain('href="/fr/?q=pain&amp;status=live&amp;cursor=next-one"');
    expect(markup).toContain('loading="lazy"');
    expect(textOf(markup)).toContain('Plus que 12 jours');
  });

  it('says which filters it did not understand', () => {
    const context = pageContext('en', '/', '?sort=random', STYLESHEET);
    const markup = catalogPage(context, { query: { limit: 12 }, invalid: ['sort'] }, { items: [], nextCursor: null }).markup;
    expect(textOf(markup)).toContain('These filters were not understood and were not applied: sort.');
    expect(textOf(markup)).toContain('No campaign matches your search.');
  });
});
