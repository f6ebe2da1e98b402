import type { Pool } from 'pg';
import { BACKER_STATUSES, type ReplyOf, type listBackers } from '@elan/contracts';
import type { PersonalDataVault } from '@elan/personal-data';
import { FIELDS, openShown } from '../application/contributor-details';
import { DEFAULT_PAGE_LIMIT, decodePledgeCursor, encodePledgeCursor, positionOf } from './backers-cursor';
import type { PledgeRow } from './pledge-view.table';

export type Backer = ReplyOf<typeof listBackers>['items'][number];

/** What the public sees in place of a name the contributor chose not to show. */
export const ANONYMOUS = 'anonymous';

const BACKERS_LIST = 'backers';

/**
 * The name shown on the campaign page: the opened name when the contributor chose to show it
 * ("erased" once they were erased), otherwise "anonymous" — also when no name was given.
 */
export const publicNameOf = (row: PledgeRow, name: string | null): string => (row.show_name && name !== null ? name : ANONYMOUS);

/**
 * Pledges committed in time, whatever became of them since: `committed_at` is set exactly for
 * those (a late or abandoned pledge never had it), and the status list keeps out anything else.
 */
export const backerRowsOf = async (
  db: Pool,
  schema: string,
  campaignId: string,
  page: { readonly cursor?: string | undefined; readonly limit: number },
): Promise<{ rows: PledgeRow[]; more: boolean }> => {
  const after = page.cursor === undefined ? undefined : decodePledgeCursor(BACKERS_LIST, page.cursor);
  const { rows } = await db.query<PledgeRow>(
    `SELECT * FROM ${schema}.pledges
      WHERE campaign_id = $1 AND status = ANY($2::text[]) AND committed_at IS NOT NULL
        AND ($3::timestamptz IS NULL OR (committed_at, placed_at, pledge_id) > ($3::timestamptz, $4::timestamptz, $5::uuid))
      ORDER BY committed_at, placed_at, pledge_id
      LIMIT $6`,
    [
      campaignId,
      [...BACKER_STATUSES],
      after?.committedAt ?? null,
      after?.placedAt ?? null,
      after?.pledgeId ?? null,
      page.limit + 1,
    ],
  );
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
};

/** A backer as the holder sees it: personal data opened (or "erased"), never the tip. */
export const backerOf = async (row: PledgeRow, vault: PersonalDataVault): Promise<Backer> => {
  const name = await openShown(vault, row.name_sealed, FIELDS.name);
  const status = row.status as Backer['status'];
  return {
    pledgeId: row.pledge_id,
    publicName: publicNameOf(row, name),
    name,
    email: await openShown(vault, row.email_sealed, FIELDS.email),
    amount: { amount: Number(row.amount), currency: row.currency },
    tierId: row.tier_id,
    committedAt: positionOf(row).committedAt,
    status,
  };
};

/** One page of a campaign's backers, oldest commitment first (the order they backed it). */
export const backersPage = async (
  db: Pool,
  schema: string,
  vault: PersonalDataVault,
  campaignId: string,
  request: { readonly cursor?: string | undefined; readonly limit?: number | undefined },
): Promise<ReplyOf<typeof listBackers>> => {
  const { rows, more } = await backerRowsOf(db, schema, campaignId, {
    cursor: request.cursor,
    limit: request.limit ?? DEFAULT_PAGE_LIMIT,
  });
  const items = await Promise.all(rows.map((row) => backerOf(row, vault)));
  const last = rows[rows.length - 1];
  return { items, nextCursor: more && last ? encodePledgeCursor(BACKERS_LIST, positionOf(last)) : null };
};

/** The campaign's holder as its pledges recorded it, if it has any pledge at all. */
export const holderOfPledgedCampaign = async (db: Pool, schema: string, campaignId: string): Promise<string | undefined> =>
  (await db.query<{ holder_id: string }>(`SELECT holder_id FROM ${schema}.pledges WHERE campaign_id = $1 LIMIT 1`, [campaignId]))
    .rows[0]?.holder_id;
