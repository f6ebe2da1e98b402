import type { Pool } from 'pg';
import type { ReplyOf, listCampaignMessages } from '@elan/contracts';
import { isErased, type PersonalDataVault } from '@elan/personal-data';
import { FIELDS, openShown } from '../application/contributor-details';
import { STANDING } from '../pledge';
import { publicNameOf } from './backers';
import { DEFAULT_PAGE_LIMIT, decodePledgeCursor, encodePledgeCursor, positionOf, type PledgePosition } from './backers-cursor';
import type { PledgeRow } from './pledge-view.table';

type MessagesPage = ReplyOf<typeof listCampaignMessages>;
type CampaignMessage = MessagesPage['items'][number];

const MESSAGES_LIST = 'messages';
/** Erased authors are skipped after reading: a page reads at most this many batches before answering short. */
const MAX_BATCHES = 5;

const messageRows = async (
  db: Pool,
  schema: string,
  campaignId: string,
  after: PledgePosition | undefined,
  count: number,
): Promise<PledgeRow[]> =>
  (
    await db.query<PledgeRow>(
      `SELECT * FROM ${schema}.pledges
        WHERE campaign_id = $1 AND status = ANY($2::text[]) AND committed_at IS NOT NULL AND message_sealed IS NOT NULL
          AND ($3::timestamptz IS NULL OR (committed_at, placed_at, pledge_id) < ($3::timestamptz, $4::timestamptz, $5::uuid))
        ORDER BY committed_at DESC, placed_at DESC, pledge_id DESC
        LIMIT $6`,
      [campaignId, [...STANDING], after?.committedAt ?? null, after?.placedAt ?? null, after?.pledgeId ?? null, count],
    )
  ).rows;

/** The message with its author's public name; undefined when its author was erased (their words go with them). */
const messageOf = async (row: PledgeRow, vault: PersonalDataVault): Promise<CampaignMessage | undefined> => {
  const message = await vault.openOptional(row.message_sealed, { field: FIELDS.message });
  if (message === undefined || isErased(message)) return undefined;
  return {
    publicName: publicNameOf(row, await openShown(vault, row.name_sealed, FIELDS.name)),
    message,
    postedAt: positionOf(row).committedAt,
  };
};

/**
 * One page of a campaign's messages of support, newest first, from pledges that count now.
 * Erasure cannot be seen in SQL (the rows stay, only the key is gone), so rows are read in
 * batches and the erased left out until the page is full.
 */
export const messagesPage = async (
  db: Pool,
  schema: string,
  vault: PersonalDataVault,
  campaignId: string,
  request: { readonly cursor?: string | undefined; readonly limit?: number | undefined },
): Promise<MessagesPage> => {
  const limit = request.limit ?? DEFAULT_PAGE_LIMIT;
  let after = request.cursor === undefined ? undefined : decodePledgeCursor(MESSAGES_LIST, request.cursor);
  const items: CampaignMessage[] = [];
  const cursorAfter = (position: PledgePosition | undefined) => (position ? encodePledgeCursor(MESSAGES_LIST, position) : null);
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    // One row more than the page still needs, to know whether another page follows.
    const wanted = limit - items.length + 1;
    const rows = await messageRows(db, schema, campaignId, after, wanted);
    for (const row of rows) {
      if (items.length === limit) return { items, nextCursor: cursorAfter(after) };
      const item = await messageOf(row, vault);
      if (item) items.push(item);
      after = positionOf(row);
    }
    if (rows.length < wanted) return { items, nextCursor: null };
  }
  return { items, nextCursor: cursorAfter(after) };
};
