import type { Pool, PoolClient } from 'pg';
import type { PledgeView, PledgeViewer } from '@elan/contracts';
import { NotFoundError } from '@elan/domain-kernel';
import type { PersonalDataVault } from '@elan/personal-data';
import { FIELDS, openShown } from '../application/contributor-details';
import type { PledgeRow } from './pledge-view.table';

const money = (amount: string, currency: string) => ({ amount: Number(amount), currency });

/** A row as the API shows it, personal data opened (or "erased"). */
export const pledgeViewOf = async (row: PledgeRow, vault: PersonalDataVault): Promise<PledgeView> => ({
  pledgeId: row.pledge_id,
  campaignId: row.campaign_id,
  status: row.status,
  fundingModel: row.funding_model,
  amount: money(row.amount, row.currency),
  tip: money(row.tip_amount, row.currency),
  tierId: row.tier_id,
  contributor: {
    kind: row.contributor_kind,
    name: await openShown(vault, row.name_sealed, FIELDS.name),
    email: await openShown(vault, row.email_sealed, FIELDS.email),
    showName: row.show_name,
  },
  message: await openShown(vault, row.message_sealed, FIELDS.message),
  placedAt: row.placed_at.toISOString(),
  committedAt: row.committed_at?.toISOString() ?? null,
  retryUntil: row.retry_until?.toISOString() ?? null,
});

export const findPledgeRow = async (db: Pool | PoolClient, schema: string, pledgeId: string): Promise<PledgeRow | undefined> =>
  (await db.query<PledgeRow>(`SELECT * FROM ${schema}.pledges WHERE pledge_id = $1`, [pledgeId])).rows[0];

/** The contributor (their account, or the guest presenting their token). */
export const isContributorOf = (row: PledgeRow, viewer: PledgeViewer): boolean =>
  viewer.kind === 'account' ? viewer.accountId === row.account_id : viewer.guestTokenHash === row.guest_token_hash;

/** Who may see a pledge: its contributor, the campaign's holder, an admin. */
export const maySee = (row: PledgeRow, viewer: PledgeViewer): boolean =>
  isContributorOf(row, viewer) ||
  (viewer.kind === 'account' && (viewer.accountId === row.holder_id || viewer.roles.includes('admin')));

/** The pledge, if the viewer may see it; otherwise not found, so a stranger learns nothing of its existence. */
export const visibleRow = async (db: Pool, schema: string, pledgeId: string, viewer: PledgeViewer): Promise<PledgeRow> => {
  const row = await findPledgeRow(db, schema, pledgeId);
  if (!row || !maySee(row, viewer)) throw new NotFoundError(`pledge ${pledgeId} does not exist`, { pledgeId });
  return row;
};

export const rowsOfAccount = async (db: Pool, schema: string, accountId: string): Promise<PledgeRow[]> =>
  (
    await db.query<PledgeRow>(
      `SELECT * FROM ${schema}.pledges WHERE account_id = $1 AND status <> 'placed' ORDER BY placed_at DESC, pledge_id LIMIT 500`,
      [accountId],
    )
  ).rows;
