import { indexPayments, sum } from './payments-index';
import { checkBalanceTransactions } from './balance-checks';
import { reviewCampaign } from './campaign-checks';
import { checkPayments } from './payment-checks';
import { checkChains, checkTips } from './store-and-tip-checks';
import type {
  CampaignFigures,
  Mismatch,
  ReconciliationInput,
  ReconciliationOutcome,
  ReconciliationTotals,
} from './reconciliation.types';

/**
 * The reconciliation (ADR 0028): compares each money service's account, this service's ledgers
 * and statements, and Stripe's lists, and names every disagreement. Pure: the same input gives
 * the same outcome, mismatches in a stable order.
 */
export const reconcile = (input: ReconciliationInput): ReconciliationOutcome => {
  const payments = indexPayments(input.pledgeFacts, input.tipFacts);
  const balance = checkBalanceTransactions(payments, input.stripe, input.ledgers, input.statements);
  const campaignIds = [
    ...new Set([...input.ledgers.map((ledger) => ledger.campaignId), ...input.pledgeFacts.map((fact) => fact.campaignId)]),
  ].sort();
  const reviews = campaignIds.map((campaignId) =>
    reviewCampaign(
      campaignId,
      input.ledgers.find((ledger) => ledger.campaignId === campaignId),
      input.pledgeFacts.filter((fact) => fact.campaignId === campaignId),
      input.statements.filter((statement) => statement.campaignId === campaignId),
      input.stripe.transfers,
      balance.feesByCampaign.get(campaignId) ?? 0,
    ),
  );
  const mismatches: Mismatch[] = [
    ...checkChains(input.chains, input.pledgeFacts),
    ...reviews.flatMap((review) => review.mismatches),
    ...checkTips(input.tipFacts, input.tipLedger),
    ...checkPayments(payments, input.stripe.payments, input.stripe.refunds),
    ...balance.mismatches,
  ].sort((a, b) => a.key.localeCompare(b.key));
  const campaigns = reviews.map((review) => review.figures);
  return {
    ok: mismatches.length === 0,
    checked: {
      campaigns: campaigns.length,
      pledges: input.pledgeFacts.length,
      tips: input.tipFacts.length,
      payments: new Set([...payments.keys(), ...input.stripe.payments.map((payment) => payment.paymentId)]).size,
      refunds: input.stripe.refunds.length,
      transfers: input.stripe.transfers.length,
      balanceTransactions: input.stripe.balanceTransactions.length,
      statements: input.statements.length,
      eventsVerified: sum(Object.values(input.chains).map((report) => report.eventsChecked)),
    },
    totals: totalsOf(input, campaigns),
    campaigns,
    mismatches,
  };
};

const totalsOf = (input: ReconciliationInput, campaigns: readonly CampaignFigures[]): ReconciliationTotals[] => {
  const currencies = [
    ...new Set([
      ...campaigns.map((campaign) => campaign.currency),
      ...input.tipFacts.flatMap((fact) => (fact.paid ? [fact.paid.currency] : [])),
    ]),
  ].sort();
  return currencies.map((currency) => {
    const ofCurrency = campaigns.filter((campaign) => campaign.currency === currency);
    const tips = input.tipFacts.filter((fact) => fact.paid?.currency === currency);
    const total = (field: keyof Omit<CampaignFigures, 'campaignId' | 'currency'>) => sum(ofCurrency.map((c) => c[field]));
    return {
      currency,
      pledgesCollected: total('collected'),
      pledgesRefunded: total('refunded'),
      tipsCollected: sum(tips.map((fact) => fact.paid?.amount ?? 0)),
      tipsRefunded: sum(tips.map((fact) => fact.refunded?.amount ?? 0)),
      transferred: total('transferred'),
      awaitingTransfer: total('awaitingTransfer'),
      stillDue: total('stillDue'),
      outstandingAdvances: total('outstandingAdvance'),
      feesBorne: total('feesBorne'),
    };
  });
};
