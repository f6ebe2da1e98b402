import type { SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor, pageLimit, type SortKeyKind } from './catalog-cursor';
import type { CampaignView } from './campaign-view.entity';
import type { PageRequest } from './campaign-catalog.types';

/** One way to order campaigns: a column, its direction, and the campaign id as tie-breaker. */
export interface Keyset {
  /** Written into cursors, so a cursor of one sort is refused by another. */
  readonly name: string;
  /** Property of `CampaignView`. */
  readonly column: 'listedAt' | 'deadline' | 'committedAmount' | 'createdAt' | 'changedSince' | 'submittedAt';
  readonly direction: 'ASC' | 'DESC';
  readonly kind: SortKeyKind;
}

const CASTS: Readonly<Record<SortKeyKind, string>> = { instant: 'timestamptz', integer: 'bigint' };

const keyOf = (row: CampaignView, keyset: Keyset): string => {
  const value = row[keyset.column];
  if (value === null) throw new Error(`campaign ${row.campaignId} has no ${keyset.column} to sort on`);
  return value instanceof Date ? value.toISOString() : String(value);
};

/**
 * Runs `query` (alias `c`) one page at a time: the rows after the cursor in `(column, id)`
 * order — a row comparison an index on the same two columns serves — plus one more row to
 * know whether a next page exists.
 */
export const keysetPage = async (
  query: SelectQueryBuilder<CampaignView>,
  keyset: Keyset,
  request: PageRequest,
): Promise<{ rows: CampaignView[]; nextCursor: string | null }> => {
  const limit = pageLimit(request.limit);
  if (request.cursor !== undefined) {
    const after = decodeCursor(request.cursor, keyset.name, keyset.kind);
    const comparison = keyset.direction === 'DESC' ? '<' : '>';
    query.andWhere(
      `(c.${keyset.column}, c.campaignId) ${comparison} (CAST(:cursorKey AS ${CASTS[keyset.kind]}), CAST(:cursorId AS uuid))`,
      { cursorKey: after.key, cursorId: after.campaignId },
    );
  }
  const rows = await query
    .orderBy(`c.${keyset.column}`, keyset.direction)
    .addOrderBy('c.campaignId', keyset.direction)
    .limit(limit + 1)
    .getMany();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({ sort: keyset.name, key: keyOf(last, keyset), campaignId: last.campaignId })
      : null;
  return { rows: page, nextCursor };
};
