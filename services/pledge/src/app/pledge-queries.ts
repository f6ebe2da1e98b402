import type { PledgeView, PledgeViewer } from '@elan/contracts';
import type { PostgresEventStore } from '@elan/event-store';
import type { PersonalDataVault } from '@elan/personal-data';
import { pledgeViewOf, rowsOfAccount, visibleRow } from '../read-models/pledge-view';

/** Reads of the pledge view for the API: a pledge as its viewer may see it, an account's pledges. */
export class PledgeQueries {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  async get(pledgeId: string, viewer: PledgeViewer): Promise<PledgeView> {
    return pledgeViewOf(await visibleRow(this.store.pool, this.store.schema, pledgeId, viewer), this.vault);
  }

  async ofAccount(accountId: string): Promise<PledgeView[]> {
    const rows = await rowsOfAccount(this.store.pool, this.store.schema, accountId);
    return Promise.all(rows.map((row) => pledgeViewOf(row, this.vault)));
  }
}
