import { parseCatalogQuery } from '../catalog-query';
import { ApiRefused } from '../elan-api';
import { campaignPage, type SupportMessages } from '../pages/campaign.page';
import { catalogPage } from '../pages/catalog.page';
import { UUID, type Route, type WebAnswer, type WebRequest } from './route';

/** Messages of support shown on a campaign page: the newest ones; older ones come with pagination later. */
const MESSAGES_SHOWN = 20;

const catalog = async ({ context, url, api }: WebRequest): Promise<WebAnswer> => {
  let parsed = parseCatalogQuery(url.searchParams);
  const page = await api.catalog(parsed.query).catch((error: unknown) => {
    // Only the API can read a cursor: one it refuses (edited by hand, or another sort's) is left
    // out like any filter not understood, and the search starts again from its first page.
    if (!(error instanceof ApiRefused) || parsed.query.cursor === undefined) throw error;
    const { cursor: _refused, ...query } = parsed.query;
    parsed = { query, invalid: [...parsed.invalid, 'cursor'] };
    return api.catalog(query);
  });
  return { status: parsed.invalid.length > 0 ? 400 : 200, page: catalogPage(context, parsed, page) };
};

const campaign = async ({ context, params, api }: WebRequest): Promise<WebAnswer> => {
  const campaignId = params[0] ?? '';
  // Both at once; the messages come from another service, and the page stands without them.
  const [view, messages] = await Promise.all([
    api.campaign(campaignId),
    api.messages(campaignId, MESSAGES_SHOWN).then(
      (page): SupportMessages => ({ available: true, page }),
      (): SupportMessages => ({ available: false }),
    ),
  ]);
  return { status: 200, page: campaignPage(context, view, messages) };
};

/** The public pages: the catalog and a campaign (ADR 0030). */
export const CATALOG_ROUTES: readonly Route[] = [
  { method: 'GET', path: /^\/$/, handle: catalog },
  { method: 'GET', path: new RegExp(`^/campaigns/${UUID}$`), handle: campaign },
];
