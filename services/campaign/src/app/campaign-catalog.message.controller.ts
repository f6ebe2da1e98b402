import { Controller, Inject } from '@nestjs/common';
import {
  getCampaign,
  getCampaignSummary,
  listCampaigns,
  listChangedCampaigns,
  listHolderCampaigns,
  listSubmittedCampaigns,
  type ReplyOf,
  type RequestOf,
} from '@elan/contracts';
import { NotFoundError } from '@elan/domain-kernel';
import { HandlesRequest } from '@elan/messaging';
import { CampaignCatalog, type CampaignPage, type Page } from '../read-models';

/** A read-model page as the contract carries it (the read models hand out read-only arrays). */
const pageOf = <T>({ items, nextCursor }: Page<T>): { items: T[]; nextCursor: string | null } => ({
  items: [...items],
  nextCursor,
});

const campaignPageOf = (page: CampaignPage): ReplyOf<typeof getCampaign> => ({
  ...page,
  tiers: [...page.tiers],
  stretchGoals: [...page.stretchGoals],
  updates: [...page.updates],
});

/**
 * The catalog queries of the public API, answered from the read models: eventually consistent
 * with the commands (a campaign just created appears once the projection caught up).
 */
@Controller()
export class CampaignCatalogMessageController {
  constructor(@Inject(CampaignCatalog) private readonly catalog: CampaignCatalog) {}

  @HandlesRequest(listCampaigns)
  async list(request: RequestOf<typeof listCampaigns>): Promise<ReplyOf<typeof listCampaigns>> {
    return pageOf(await this.catalog.catalog(request));
  }

  /** A draft or submitted campaign is not_found to anyone but its holder, moderators and admins. */
  @HandlesRequest(getCampaign)
  async get({ campaignId, viewer }: RequestOf<typeof getCampaign>): Promise<ReplyOf<typeof getCampaign>> {
    const page = await this.catalog.campaignPage(campaignId, viewer);
    if (!page) throw new NotFoundError(`no campaign ${campaignId}`, { campaignId });
    return campaignPageOf(page);
  }

  @HandlesRequest(listHolderCampaigns)
  async listHolders({
    holderId,
    ...paging
  }: RequestOf<typeof listHolderCampaigns>): Promise<ReplyOf<typeof listHolderCampaigns>> {
    return pageOf(await this.catalog.holderCampaigns(holderId, paging));
  }

  /** Moderators and admins only: the read model refuses anyone else. */
  @HandlesRequest(listChangedCampaigns)
  async listChanged({ actor, ...paging }: RequestOf<typeof listChangedCampaigns>): Promise<ReplyOf<typeof listChangedCampaigns>> {
    const { items, nextCursor } = await this.catalog.changedSinceApproval(actor, paging);
    return {
      items: items.map((item) => ({ ...item, changedParts: [...item.changedParts], reviewed: { ...item.reviewed } })),
      nextCursor,
    };
  }

  /** Moderators and admins only: the read model refuses anyone else. */
  @HandlesRequest(listSubmittedCampaigns)
  async listSubmitted({
    actor,
    ...paging
  }: RequestOf<typeof listSubmittedCampaigns>): Promise<ReplyOf<typeof listSubmittedCampaigns>> {
    return pageOf(await this.catalog.submittedForReview(actor, paging));
  }

  /** The public facts only: a campaign not yet public (hence without a sure goal) is not_found. */
  @HandlesRequest(getCampaignSummary)
  async summary({ campaignId }: RequestOf<typeof getCampaignSummary>): Promise<ReplyOf<typeof getCampaignSummary>> {
    const page = await this.catalog.campaignPage(campaignId);
    if (!page?.goal) throw new NotFoundError(`no campaign ${campaignId}`, { campaignId });
    return { campaignId, title: page.title, status: page.status, goal: page.goal };
  }
}
