import { PATHS } from './paths';

/**
 * The holder's paths after the language prefix (issue #12), under `PATHS.myCampaigns`. The payout
 * account is the account's, not a campaign's: it sits at `/me/payout-account`, where the payout
 * service sends holders back from Stripe's onboarding by default (`PUBLIC_BASE_URL` being the
 * site's origin; a path without a language is redirected to the visitor's).
 */
const campaign = (campaignId: string) => `${PATHS.myCampaigns}/${campaignId}`;

export const HOLDER_PATHS = {
  campaigns: PATHS.myCampaigns,
  newCampaign: `${PATHS.myCampaigns}/new`,
  campaign,
  edit: (campaignId: string) => `${campaign(campaignId)}/edit`,
  preview: (campaignId: string) => `${campaign(campaignId)}/preview`,
  submit: (campaignId: string) => `${campaign(campaignId)}/submit`,
  newTier: (campaignId: string) => `${campaign(campaignId)}/tiers/new`,
  tier: (campaignId: string, tierId: string) => `${campaign(campaignId)}/tiers/${tierId}`,
  stretchGoals: (campaignId: string) => `${campaign(campaignId)}/stretch-goals`,
  updates: (campaignId: string) => `${campaign(campaignId)}/updates`,
  backers: (campaignId: string) => `${campaign(campaignId)}/backers`,
  backersCsv: (campaignId: string) => `${campaign(campaignId)}/backers.csv`,
  payouts: (campaignId: string) => `${campaign(campaignId)}/payouts`,
  payoutsCsv: (campaignId: string) => `${campaign(campaignId)}/payouts.csv`,
  payoutAccount: '/me/payout-account',
} as const;
