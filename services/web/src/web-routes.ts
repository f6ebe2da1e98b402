import type { Logger } from '@nestjs/common';
import { parseCatalogQuery } from './catalog-query';
import { ApiNotFound, ApiRefused, ApiUnavailable, type ElanApi } from './elan-api';
import type { Html } from './html';
import { campaignPage, type SupportMessages } from './pages/campaign.page';
import { catalogPage } from './pages/catalog.page';
import type { PageContext } from './pages/page-context';
import { errorPage, notFoundPage, unavailablePage } from './pages/problem.pages';

/** A page and its status: 200, 400 (a search with filters left out), 404, 500 or 503. */
export interface PageAnswer {
  readonly status: number;
  readonly page: Html;
}

/** Messages of support shown on a campaign page: the newest ones; older ones come with pagination later. */
const MESSAGES_SHOWN = 20;

const CAMPAIGN_PATH = /^\/campaigns\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const catalog = async (context: PageContext, url: URL, api: ElanApi): Promise<PageAnswer> => {
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

const campaign = async (context: PageContext, campaignId: string, api: ElanApi): Promise<PageAnswer> => {
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

/**
 * The pages, by path after the language prefix. What the API cannot answer becomes the visitor's
 * 404 or 503 page; anything else is ours, logged, and a 500 page.
 */
export const routePage = async (context: PageContext, url: URL, api: ElanApi, logger: Logger): Promise<PageAnswer> => {
  try {
    if (context.path === '/') return await catalog(context, url, api);
    const campaignId = CAMPAIGN_PATH.exec(context.path)?.[1];
    if (campaignId !== undefined) return await campaign(context, campaignId, api);
    return { status: 404, page: notFoundPage(context) };
  } catch (error) {
    if (error instanceof ApiNotFound) return { status: 404, page: notFoundPage(context) };
    if (error instanceof ApiUnavailable) {
      logger.warn(`${url.pathname}: the API is unavailable: ${error.message}`);
      return { status: 503, page: unavailablePage(context) };
    }
    logger.error(`${url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { status: 500, page: errorPage(context) };
  }
};
