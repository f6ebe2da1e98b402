import {
  campaignCancelled,
  campaignDeadlineReached,
  campaignEnded,
  campaignFailed,
  campaignLaunched,
  campaignSucceeded,
} from './campaign/campaign-lifecycle.events';
import { getCampaign, listCampaigns, listChangedCampaigns, listHolderCampaigns } from './campaign/campaign-catalog.requests';
import { campaignCommands } from './campaign/campaign-commands.requests';
import { getCampaignSummary } from './campaign/campaign-queries.requests';
import { getPledgeTerms } from './campaign/pledge-terms.requests';
import { reserveTierUnit } from './campaign/tier-stock.requests';
import { stripeEventReceived } from './gateway/stripe-event-received.events';
import { getPledgeReceipt, listBackers, listCampaignMessages } from './pledge/pledge-holder.requests';
import {
  campaignCollectionClosed,
  pledgeChanged,
  pledgeCollected,
  pledgeCommitted,
  pledgesTallied,
  pledgeWithdrawn,
  tierUnitReleased,
} from './pledge/pledge-lifecycle.events';
import { eraseGuestPersonalData, erasePersonalData, exportPersonalData } from './pledge/pledge-personal-data.requests';
import {
  cancelPledge,
  changePledge,
  getPledge,
  grantPledgeRefund,
  listMyPledges,
  placePledge,
  requestPledgeRefund,
  updatePledgeCard,
} from './pledge/pledge.requests';
import { payoutAccountOpened, payoutAccountStatusChanged } from './payout/payout-accounts.events';
import { getPayoutAccount, startPayoutAccount } from './payout/payout-accounts.requests';
import { listCampaignPayouts, listMyPayouts, requestPayout } from './payout/payout-statements.requests';
import { listUnpaidStatements } from './payout/payout-admin.requests';
import { statementPaid } from './payout/payout-statements.events';
import { getTipLedger } from './tipping/tip-ledger.requests';
import { refundTip } from './tipping/tip-refund.requests';
import { suggestTips } from './tipping/tip-suggestions.requests';
import {
  getPledgeCheckpoints,
  getPledgeStreamLinks,
  getTipCheckpoints,
  getTipStreamLinks,
  getPayoutCheckpoints,
  getPayoutStreamLinks,
} from './transparency/transparency.requests';
import { getCampaignLedger, getPayoutMonths } from './payout/public-ledger.requests';
import {
  getPledgePaymentFacts,
  getTipPaymentFacts,
  verifyPledgeStreams,
  verifyTipStreams,
} from './reconciliation/reconciliation.requests';
import { getReconciliationReport, runReconciliation } from './reconciliation/reconciliation-report.requests';
import { getAccountRecipient, getPledgeRecipient } from './notification/mail-recipients.requests';
import { campaignApproved, campaignRejected, campaignUpdatePosted } from './campaign/campaign-lifecycle.events';
import { pledgeCollectionDeclined } from './pledge/pledge-lifecycle.events';
import type { IntegrationEventContract } from './integration-event';
import type { RequestContract } from './request';

/**
 * Every contract of the published language, in the order docs/contracts.md lists them: campaign,
 * pledge, tipping, payout, gateway. A contract missing here is undocumented and unchecked: the catalog
 * test and the docs generator both read these arrays.
 */
export const integrationEvents: readonly IntegrationEventContract[] = [
  campaignLaunched,
  campaignDeadlineReached,
  campaignSucceeded,
  campaignFailed,
  campaignEnded,
  campaignCancelled,
  pledgeCommitted,
  pledgeChanged,
  pledgeCollected,
  pledgeWithdrawn,
  tierUnitReleased,
  pledgesTallied,
  campaignCollectionClosed,
  payoutAccountOpened,
  payoutAccountStatusChanged,
  statementPaid,
  stripeEventReceived,
  // Notifications (issue #12 part 2)
  campaignApproved,
  campaignRejected,
  campaignUpdatePosted,
  pledgeCollectionDeclined,
];

export const requests: readonly RequestContract[] = [
  ...campaignCommands,
  listCampaigns,
  getCampaign,
  listHolderCampaigns,
  listChangedCampaigns,
  getCampaignSummary,
  reserveTierUnit,
  getPledgeTerms,
  placePledge,
  getPledge,
  listMyPledges,
  cancelPledge,
  changePledge,
  requestPledgeRefund,
  grantPledgeRefund,
  updatePledgeCard,
  listBackers,
  listCampaignMessages,
  getPledgeReceipt,
  exportPersonalData,
  erasePersonalData,
  eraseGuestPersonalData,
  suggestTips,
  getTipLedger,
  refundTip,
  startPayoutAccount,
  getPayoutAccount,
  getPledgeCheckpoints,
  getPledgeStreamLinks,
  getTipCheckpoints,
  getTipStreamLinks,
  getPayoutCheckpoints,
  getPayoutStreamLinks,
  getCampaignLedger,
  getPayoutMonths,
  listCampaignPayouts,
  listMyPayouts,
  requestPayout,
  listUnpaidStatements,
  getPledgePaymentFacts,
  getTipPaymentFacts,
  verifyPledgeStreams,
  verifyTipStreams,
  getReconciliationReport,
  runReconciliation,
  getPledgeRecipient,
  getAccountRecipient,
];
