import type {
  ReplyOf,
  getPayoutAccount,
  listBackers,
  listCampaignPayouts,
  listHolderCampaigns,
  startPayoutAccount,
} from '@elan/contracts';

/** What the public API answers the holder's pages, by the contracts' types (ADR 0030: types only). */
export type HolderCampaignsPage = ReplyOf<typeof listHolderCampaigns>;
export type HolderCampaignCard = HolderCampaignsPage['items'][number];
export type BackersPage = ReplyOf<typeof listBackers>;
export type Backer = BackersPage['items'][number];
export type CampaignPayouts = ReplyOf<typeof listCampaignPayouts>;
export type Statement = CampaignPayouts['statements'][number];
export type PayoutAccountView = ReplyOf<typeof getPayoutAccount>;
export type StartedPayoutAccount = Omit<ReplyOf<typeof startPayoutAccount>, 'opened'>;
