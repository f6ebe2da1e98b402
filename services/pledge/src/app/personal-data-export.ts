import type { PledgeView } from '@elan/contracts';
import type { PostgresEventStore } from '@elan/event-store';
import type { PersonalDataVault } from '@elan/personal-data';
import { pledgeViewOf } from '../read-models/pledge-view';
import type { PledgeRow } from '../read-models/pledge-view.table';

export interface PersonalDataExport {
  readonly erasedAt: string | null;
  readonly pledges: PledgeView[];
}

/**
 * What the pledge service holds about an account (GDPR art. 15): every pledge in every status,
 * unfinished checkouts included — unlike `GET /api/me/pledges`, which shows the ones that went
 * to payment — with its personal data opened, or "erased" once the key is gone.
 */
export const exportPersonalData = async (
  store: PostgresEventStore,
  vault: PersonalDataVault,
  accountId: string,
): Promise<PersonalDataExport> => {
  const { rows } = await store.pool.query<PledgeRow>(
    `SELECT * FROM ${store.schema}.pledges WHERE account_id = $1 ORDER BY placed_at, pledge_id`,
    [accountId],
  );
  const erasure = await store.pool.query<{ erased_at: Date }>(
    `SELECT erased_at FROM ${store.schema}.personal_data_erasures WHERE subject_id = $1`,
    [accountId],
  );
  return {
    erasedAt: erasure.rows[0]?.erased_at.toISOString() ?? null,
    pledges: await Promise.all(rows.map((row) => pledgeViewOf(row, vault))),
  };
};
