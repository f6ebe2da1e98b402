import {
  createCampaign,
  editCampaign,
  listMyCampaigns,
  postUpdate,
  showCampaign,
  showEditCampaign,
  showNewCampaign,
  showPreview,
  showUpdateForm,
  submitCampaign,
} from './holder-campaigns.handlers';
import {
  backersCsv,
  payoutsCsv,
  requestStatement,
  showBackers,
  showPayoutAccount,
  showPayouts,
  startPayoutAccount,
} from './holder-money.handlers';
import {
  addStretchGoal,
  addTier,
  closeTier,
  deleteStretchGoal,
  deleteTier,
  editTier,
  showNewTier,
  showStretchGoals,
  showTier,
} from './holder-offer.handlers';
import { UUID, type Route } from './route';

const CAMPAIGN = `^/holder/campaigns/${UUID}`;
const at = (pattern: string): RegExp => new RegExp(`${pattern}$`);

/** The holder's pages (issue #12): their campaigns, each one's forms, backers and money, the payout account. */
export const HOLDER_ROUTES: readonly Route[] = [
  { method: 'GET', path: /^\/holder\/campaigns$/, handle: listMyCampaigns },
  { method: 'GET', path: /^\/holder\/campaigns\/new$/, handle: showNewCampaign },
  { method: 'POST', path: /^\/holder\/campaigns\/new$/, handle: createCampaign },
  { method: 'GET', path: at(CAMPAIGN), handle: showCampaign },
  { method: 'GET', path: at(`${CAMPAIGN}/edit`), handle: showEditCampaign },
  { method: 'POST', path: at(`${CAMPAIGN}/edit`), handle: editCampaign },
  { method: 'GET', path: at(`${CAMPAIGN}/preview`), handle: showPreview },
  { method: 'POST', path: at(`${CAMPAIGN}/submit`), handle: submitCampaign },
  { method: 'GET', path: at(`${CAMPAIGN}/tiers/new`), handle: showNewTier },
  { method: 'POST', path: at(`${CAMPAIGN}/tiers/new`), handle: addTier },
  { method: 'GET', path: at(`${CAMPAIGN}/tiers/${UUID}`), handle: showTier },
  { method: 'POST', path: at(`${CAMPAIGN}/tiers/${UUID}`), handle: editTier },
  { method: 'POST', path: at(`${CAMPAIGN}/tiers/${UUID}/close`), handle: closeTier },
  { method: 'POST', path: at(`${CAMPAIGN}/tiers/${UUID}/delete`), handle: deleteTier },
  { method: 'GET', path: at(`${CAMPAIGN}/stretch-goals`), handle: showStretchGoals },
  { method: 'POST', path: at(`${CAMPAIGN}/stretch-goals`), handle: addStretchGoal },
  { method: 'POST', path: at(`${CAMPAIGN}/stretch-goals/${UUID}/delete`), handle: deleteStretchGoal },
  { method: 'GET', path: at(`${CAMPAIGN}/updates`), handle: showUpdateForm },
  { method: 'POST', path: at(`${CAMPAIGN}/updates`), handle: postUpdate },
  { method: 'GET', path: at(`${CAMPAIGN}/backers`), handle: showBackers },
  { method: 'GET', path: at(`${CAMPAIGN}/backers\\.csv`), handle: backersCsv },
  { method: 'GET', path: at(`${CAMPAIGN}/payouts`), handle: showPayouts },
  { method: 'POST', path: at(`${CAMPAIGN}/payouts`), handle: requestStatement },
  { method: 'GET', path: at(`${CAMPAIGN}/payouts\\.csv`), handle: payoutsCsv },
  { method: 'GET', path: /^\/me\/payout-account$/, handle: showPayoutAccount },
  { method: 'POST', path: /^\/me\/payout-account$/, handle: startPayoutAccount },
];
