/**
 * The floor of `bench:web` (issue #12, part 4): what answering the same pages costs with nothing
 * but Node. A bare `node:http` server that reads the same API replies over HTTP with `fetch` (the
 * campaign and its messages in parallel, as the web does) and builds a comparable page by string
 * concatenation: the same content — every field the web shows, escaped, money and dates through
 * `Intl` —, in French, with no framework, no templates, no dictionaries, no security headers. The
 * web's router, typed templates, i18n and headers are what the ratio to this floor prices.
 * PORT and API_URL; sends 'ready' on its IPC channel once listening.
 */
import { createServer, type ServerResponse } from 'node:http';
import { CAMPAIGN_CATEGORIES, CATALOG_SORTS, CATALOG_STATUSES } from '@elan/contracts';
import type { CampaignReply, CatalogReply, MessagesReply } from './recorded-replies';

const API_URL = process.env['API_URL'] ?? 'http://127.0.0.1:3000';
const STYLESHEET = '/assets/floor.css';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const e = (text: string | number): string => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const money = (value: { amount: number }): string => euros.format(value.amount / 100);
const paragraphs = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${e(paragraph)}</p>`)
    .join('');
const daysLeft = (seconds: number | null): string =>
  seconds === null ? '' : `<p class="moment">Encore ${e(Math.floor(seconds / 86_400))} jours</p>`;

const frame = (title: string, main: string): string =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${e(title)} — Élan</title><link rel="stylesheet" href="${STYLESHEET}"><link rel="alternate" hreflang="en" href="/en/"></head>` +
  `<body><a class="skip" href="#main">Aller au contenu</a><header class="site"><a class="brand" href="/fr/">Élan</a>` +
  `<nav aria-label="Navigation principale"><ul><li><a href="/fr/">Les campagnes</a></li><li><a href="/en/" hreflang="en" lang="en">English</a></li></ul></nav>` +
  `<p class="tagline">Le financement participatif coopératif : 100 % de votre contribution va au projet.</p></header>` +
  `<main id="main" tabindex="-1">${main}</main><footer class="site"><p>Élan ne prend aucune commission.</p><p>Logiciel libre (AGPL).</p></footer></body></html>`;

const progress = (c: CatalogReply['items'][number]): string =>
  `<p><progress max="100" value="${e(Math.min(100, c.percentOfGoal ?? 0))}">${e(c.percentOfGoal ?? 0)} %</progress> ` +
  `${e(money(c.committed))} sur ${e(c.goal === null ? '' : money(c.goal))} (${e(c.percentOfGoal ?? 0)} %), ${e(c.backers)} contributeurs</p>`;

const campaignPage = (c: CampaignReply, messages: MessagesReply): string => {
  const tiers = c.tiers
    .map(
      (tier) =>
        `<li class="tier"><h3>${e(tier.title)}</h3><p class="amount">À partir de ${e(money(tier.minimumAmount))}</p>${paragraphs(tier.description)}` +
        `<p class="availability">${tier.remainingUnits === null ? 'Sans limite' : `${e(tier.remainingUnits)} sur ${e(tier.quantityLimit ?? 0)} restantes`}</p>` +
        (tier.estimatedDelivery === null ? '' : `<p>Livraison prévue : ${e(tier.estimatedDelivery)}</p>`) +
        `</li>`,
    )
    .join('');
  const goals = c.stretchGoals
    .map(
      (goal) =>
        `<li><p><strong>${e(money(goal.amount))}</strong> — ${e(goal.description)}</p><p class="state">${goal.reached ? 'Atteint' : 'Pas encore atteint'}</p></li>`,
    )
    .join('');
  const updates = c.updates
    .map(
      (update) =>
        `<article class="update"><h3>${e(update.title)}</h3><p class="meta"><time datetime="${e(update.postedAt)}">Publié le ${e(day.format(new Date(update.postedAt)))}</time></p>${paragraphs(update.body)}</article>`,
    )
    .join('');
  const supports = messages.items
    .map(
      (message) =>
        `<li><blockquote>${paragraphs(message.message)}</blockquote><p class="meta">${e(message.publicName === 'anonymous' ? 'Anonyme' : message.publicName)}, le ${e(day.format(new Date(message.postedAt)))}</p></li>`,
    )
    .join('');
  return frame(
    c.title,
    `<article class="campaign"><header><p class="back"><a href="/fr/">Toutes les campagnes</a></p><h1>${e(c.title)}</h1>` +
      `<p class="lead">${e(c.summary)}</p><dl class="facts"><div><dt>État</dt><dd>En cours</dd></div><div><dt>Catégorie</dt><dd>${e(c.category)}</dd></div>` +
      `<div><dt>Lieu</dt><dd>${e(c.commune ?? '')}, ${e(c.departement)}</dd></div></dl>` +
      (c.imageUrl === null
        ? ''
        : `<img class="cover" src="${e(c.imageUrl)}" alt="" width="1200" height="675" loading="lazy" decoding="async">`) +
      `</header><section class="standing" aria-labelledby="standing"><h2 id="standing">Où en est la collecte</h2>${progress(c)}${daysLeft(c.timeLeftSeconds)}` +
      `<p>Tout ou rien : les contributions ne sont prélevées que si l’objectif est atteint.</p><p>100 % des contributions vont au projet.</p></section>` +
      `<section aria-labelledby="story"><h2 id="story">L’histoire</h2>${paragraphs(c.story)}</section>` +
      `<section aria-labelledby="stretch-goals"><h2 id="stretch-goals">Paliers</h2><ul class="stretch-goals">${goals}</ul></section>` +
      `<section aria-labelledby="tiers"><h2 id="tiers">Contreparties</h2><ul class="tiers">${tiers}</ul></section>` +
      `<section aria-labelledby="updates"><h2 id="updates">Actualités</h2>${updates}</section>` +
      `<section aria-labelledby="messages"><h2 id="messages">Messages de soutien</h2><ul class="messages">${supports}</ul></section></article>`,
  );
};

/** The départements' codes, as the catalog's filter lists them (the web adds their names). */
const DEPARTEMENTS = [
  ...Array.from({ length: 95 }, (_, index) => String(index + 1).padStart(2, '0')).flatMap((code) =>
    code === '20' ? ['2A', '2B'] : [code],
  ),
  ...['971', '972', '973', '974', '976'],
];
const select = (name: string, label: string, values: readonly string[]): string =>
  `<p><label for="${name}">${e(label)}</label> <select id="${name}" name="${name}"><option value="">Tous</option>` +
  values.map((value) => `<option value="${e(value)}">${e(value)}</option>`).join('') +
  `</select></p>`;
/** Built for every page, as the web builds its form: the floor saves no work the web could not. */
const filters = (): string =>
  select('departement', 'Département', DEPARTEMENTS) +
  select('category', 'Catégorie', CAMPAIGN_CATEGORIES) +
  select('status', 'État', CATALOG_STATUSES) +
  select('sort', 'Trier par', CATALOG_SORTS);

const catalogPage = (catalog: CatalogReply): string => {
  const cards = catalog.items
    .map(
      (c) =>
        `<li class="card"><article><h2><a href="/fr/campaigns/${e(c.campaignId)}">${e(c.title)}</a></h2>` +
        (c.imageUrl === null
          ? ''
          : `<img src="${e(c.imageUrl)}" alt="" width="400" height="225" loading="lazy" decoding="async">`) +
        `<p>${e(c.summary)}</p><p class="meta">${e(c.commune ?? '')}, ${e(c.departement)} · ${e(c.category)}</p>${progress(c)}${daysLeft(c.timeLeftSeconds)}</article></li>`,
    )
    .join('');
  const next =
    catalog.nextCursor === null
      ? ''
      : `<p class="next"><a href="/fr/?cursor=${encodeURIComponent(catalog.nextCursor)}">Page suivante</a></p>`;
  return frame(
    'Les campagnes',
    `<h1>Les campagnes</h1><form method="get" action="/fr/" role="search"><p><label for="q">Rechercher</label> <input id="q" name="q" type="search"></p>${filters()}` +
      `<p><button type="submit">Chercher</button></p></form><ul class="cards">${cards}</ul>${next}`,
  );
};

const read = async <T>(path: string): Promise<T> => {
  const response = await fetch(`${API_URL}${path}`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
};

const send = (response: ServerResponse, status: number, body: string): void => {
  const bytes = Buffer.from(body, 'utf8');
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(bytes.length) });
  response.end(bytes);
};

const CAMPAIGN_PATH = /^\/fr\/campaigns\/([0-9a-f-]{36})$/;

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://floor.invalid');
  const campaignId = CAMPAIGN_PATH.exec(url.pathname)?.[1];
  const page =
    campaignId !== undefined
      ? Promise.all([
          read<CampaignReply>(`/api/campaigns/${campaignId}`),
          read<MessagesReply>(`/api/campaigns/${campaignId}/messages?limit=20`),
        ]).then(([campaign, messages]) => campaignPage(campaign, messages))
      : url.pathname === '/fr/'
        ? read<CatalogReply>(`/api/campaigns?limit=20`).then(catalogPage)
        : Promise.resolve(undefined);
  page.then(
    (html) => (html === undefined ? send(response, 404, 'Not Found') : send(response, 200, html)),
    (error: unknown) => send(response, 503, String(error)),
  );
});
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
