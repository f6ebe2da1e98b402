import type { PledgeReceipt, PledgeViewer, ReplyOf, RequestOf, listBackers, listCampaignMessages } from '@elan/contracts';
import { ForbiddenError } from '@elan/domain-kernel';
import type { PostgresEventStore } from '@elan/event-store';
import type { PersonalDataVault } from '@elan/personal-data';
import { readLinks } from '@elan/transparency';
import type { CampaignTerms } from '../application/campaign-terms';
import { FIELDS, openShown } from '../application/contributor-details';
import { pledgeStream, type PledgeEvent } from '../pledge';
import { backersPage, holderOfPledgedCampaign } from '../read-models/backers';
import { messagesPage } from '../read-models/messages';
import { visibleRow } from '../read-models/pledge-view';
import { assertPaid, paymentFactsOf, receiptOf } from '../read-models/receipts';

/**
 * What holders and supporters read of the pledges: a campaign's backers (its holder, an admin),
 * its messages of support (everyone), a paid pledge's receipt (those who may see the pledge).
 * The only thing asked of the campaign service is GetPledgeTerms (the one question the pledge
 * service may ask besides reserving units, ADR 0011): for a campaign's holder when none of its
 * pledges says, whether a campaign exists, and a receipt's campaign title.
 */
export class PledgeHolderQueries {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly vault: PersonalDataVault,
    private readonly campaigns: CampaignTerms,
  ) {}

  async backers(request: RequestOf<typeof listBackers>): Promise<ReplyOf<typeof listBackers>> {
    const { campaignId, viewer } = request;
    const holderId = await this.holderOf(campaignId);
    if (viewer.accountId !== holderId && !viewer.roles.includes('admin'))
      throw new ForbiddenError('only the campaign’s holder or an admin sees its backers', { campaignId });
    return backersPage(this.store.pool, this.store.schema, this.vault, campaignId, request);
  }

  async messages(request: RequestOf<typeof listCampaignMessages>): Promise<ReplyOf<typeof listCampaignMessages>> {
    const page = await messagesPage(this.store.pool, this.store.schema, this.vault, request.campaignId, request);
    // An empty first page may mean no such campaign: ask, so an unknown one is not_found.
    if (page.items.length === 0 && request.cursor === undefined) await this.holderOf(request.campaignId);
    return page;
  }

  async receipt(pledgeId: string, viewer: PledgeViewer): Promise<PledgeReceipt> {
    const row = await visibleRow(this.store.pool, this.store.schema, pledgeId, viewer);
    // The log, not the view, says what was charged and when: the view keeps only the latest state.
    const streamId = pledgeStream(pledgeId);
    const recorded = await this.store.readStream(streamId);
    const facts = paymentFactsOf(recorded.map(({ type, data }) => ({ type, data }) as PledgeEvent));
    assertPaid(pledgeId, facts);
    const head = await this.headOf(streamId, recorded.length);
    const { title } = await this.campaigns.terms(row.campaign_id);
    return receiptOf({
      pledgeId,
      fundingModel: row.funding_model,
      campaign: { campaignId: row.campaign_id, title },
      contributor: {
        name: await openShown(this.vault, row.name_sealed, FIELDS.name),
        email: await openShown(this.vault, row.email_sealed, FIELDS.email),
      },
      facts,
      head,
    });
  }

  /**
   * The link at the last position read: the stream is append-only, so its hash is the one the
   * facts were folded with even if an event was appended since (the receipt names what it read).
   */
  private async headOf(streamId: string, position: number): Promise<PledgeReceipt['facts']> {
    const [link] = await readLinks(this.store.pool, this.store.schema, streamId, position, { toPosition: position, limit: 1 });
    if (!link) throw new Error(`the link ${streamId}@${position} that was just read is missing`);
    return { streamId, position: link.position, hash: link.hash };
  }

  /** From the campaign's pledges, else from the campaign service (not_found when there is no such campaign). */
  private async holderOf(campaignId: string): Promise<string> {
    return (
      (await holderOfPledgedCampaign(this.store.pool, this.store.schema, campaignId)) ??
      (await this.campaigns.terms(campaignId)).holderId
    );
  }
}
