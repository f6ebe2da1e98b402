import { Injectable } from '@nestjs/common';
import { exportPersonalData, listHolderCampaigns } from '@elan/contracts';
import { RequestClient } from '@elan/messaging';
import { AccountsRepository } from './accounts.repository';
import { toAccountView } from './accounts.schemas';
import type { PersonalDataExportView } from './me-data.schemas';

/** Pages of 50; a holder with more than this many campaigns gets the first ones and a truncated list. */
const MAX_CAMPAIGN_PAGES = 20;

/**
 * The right of access (GDPR art. 15): what the gateway keeps of the account, the pledges as the
 * pledge service holds them (`rpc.pledge.ExportPersonalData.v1`, personal data opened) and the
 * campaigns the account holds. The tipping service knows the person only by account id, and
 * its tips are in the pledges; the campaign service keeps no personal data of contributors.
 */
@Injectable()
export class PersonalDataExportService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly requests: RequestClient,
  ) {}

  /** Undefined when the account no longer exists. */
  async exportOf(accountId: string, now: Date = new Date()): Promise<PersonalDataExportView | undefined> {
    const account = await this.accounts.findById(accountId);
    if (!account) return undefined;
    const [{ pledges }, campaigns] = await Promise.all([
      this.requests.request(exportPersonalData, { accountId }),
      this.campaignsOf(accountId),
    ]);
    return { generatedAt: now.toISOString(), account: toAccountView(account), pledges, campaigns };
  }

  private async campaignsOf(holderId: string): Promise<PersonalDataExportView['campaigns']> {
    const campaigns: PersonalDataExportView['campaigns'] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_CAMPAIGN_PAGES; page += 1) {
      const { items, nextCursor } = await this.requests.request(listHolderCampaigns, {
        holderId,
        limit: 50,
        ...(cursor === undefined ? {} : { cursor }),
      });
      campaigns.push(...items.map(({ campaignId, title, status, createdAt }) => ({ campaignId, title, status, createdAt })));
      if (nextCursor === null) break;
      cursor = nextCursor;
    }
    return campaigns;
  }
}
