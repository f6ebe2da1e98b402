import { Controller, Inject } from '@nestjs/common';
import { getPledgeTerms, type ReplyOf, type RequestOf } from '@elan/contracts';
import { NotFoundError } from '@elan/domain-kernel';
import { HandlesRequest } from '@elan/messaging';
import { CampaignApplication } from '../application/campaign-application';
import type { ExistingCampaign } from '../campaign';

type PledgeTerms = ReplyOf<typeof getPledgeTerms>;

/** Drafts may lack a goal: their pledges would be refused as not live anyway, in the default currency. */
const DEFAULT_CURRENCY = 'EUR';

const tierTermsOf = (campaign: ExistingCampaign, tierId: string): NonNullable<PledgeTerms['tier']> => {
  const tier = campaign.tiers.find((t) => t.tierId === tierId);
  if (!tier) throw new NotFoundError(`no tier ${tierId} in campaign ${campaign.campaignId}`, { field: 'tierId' });
  return { tierId, minimum: tier.minimumAmount, limited: tier.quantityLimit !== null, open: tier.status === 'open' };
};

/**
 * What the pledge service asks before it records a pledge (ADR 0007, ADR 0008). Answered from the
 * campaign's own stream, not the read models: a pledge must not be taken on a campaign that closed
 * or a tier that closed a moment ago because a projection lagged.
 */
@Controller()
export class PledgeTermsMessageController {
  constructor(@Inject(CampaignApplication) private readonly campaigns: CampaignApplication) {}

  /** A campaign that is not live is answered as it stands: the pledge service judges it. */
  @HandlesRequest(getPledgeTerms)
  async terms({ campaignId, tierId }: RequestOf<typeof getPledgeTerms>): Promise<PledgeTerms> {
    const campaign = await this.campaigns.load(campaignId);
    if (campaign.status === 'none') throw new NotFoundError(`no campaign ${campaignId}`, { field: 'campaignId' });
    return {
      campaignId,
      holderId: campaign.holderId,
      title: campaign.title,
      status: campaign.status,
      fundingModel: campaign.fundingModel,
      currency: campaign.goal?.currency ?? DEFAULT_CURRENCY,
      deadline: campaign.deadline ?? null,
      ...(tierId !== undefined && { tier: tierTermsOf(campaign, tierId) }),
    };
  }
}
