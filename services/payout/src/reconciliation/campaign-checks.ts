import { money } from '@elan/domain-kernel';
import type { TransferRecord } from '@elan/payments';
import { balanceOf, initialLedger, payoutLedgerStream } from '../ledger';
import { statementStream, transferGroupOf } from '../statement';
import { sum } from './payments-index';
import type { CampaignFigures, CampaignLedger, Mismatch, PledgeFact, StatementRecord } from './reconciliation.types';

export interface CampaignReview {
  readonly figures: CampaignFigures;
  readonly mismatches: readonly Mismatch[];
}

/**
 * One campaign's books, to the cent:
 * - the payout ledger's pledges collected and refunded = the pledge service's facts;
 * - collected − refunded = transferred (statements paid − advances reversed) + awaiting transfer
 *   (statements drawn, not paid) + the ledger's balance (still due, or − the platform's
 *   outstanding advance, ADR 0027): the statements' own streams agree with the ledger;
 * - Stripe's transfers of `campaign-<id>`, less their reversals, = the statements paid less the
 *   advances reversed. Transfer amounts and `amount_reversed` are read here and nowhere else.
 */
export const reviewCampaign = (
  campaignId: string,
  ledger: CampaignLedger | undefined,
  facts: readonly PledgeFact[],
  statements: readonly StatementRecord[],
  transfers: readonly TransferRecord[],
  feesBorne: number,
): CampaignReview => {
  const state = ledger?.state ?? initialLedger();
  const currency = state.currency ?? facts.find((fact) => fact.paid)?.paid?.currency ?? 'EUR';
  const m = (amount: number) => money(amount, currency);
  const ledgerStream = payoutLedgerStream(campaignId);
  const balance = balanceOf(state, currency);
  const mismatches: Mismatch[] = [];
  const about = { campaignId, paymentIntentId: null };

  const paidFacts = facts.filter((fact) => fact.paid !== null);
  const collectedByFacts = sum(paidFacts.map((fact) => fact.paid?.amount ?? 0));
  const refundedByFacts = sum(paidFacts.map((fact) => fact.refunded?.amount ?? 0));
  const charges = state.charges;
  const differsCollected = paidFacts.filter((fact) => charges[fact.pledgeId]?.amount !== fact.paid?.amount);
  const unknownCharges = Object.keys(charges).filter((pledgeId) => !paidFacts.some((fact) => fact.pledgeId === pledgeId));
  if (balance.collected.amount.amount !== collectedByFacts || differsCollected.length > 0 || unknownCharges.length > 0)
    mismatches.push({
      ...about,
      kind: 'ledger_collected',
      key: `ledger_collected:${campaignId}`,
      streams: [
        ledgerStream,
        ...differsCollected.map((fact) => fact.stream.streamId),
        ...unknownCharges.map((id) => `pledge-${id}`),
      ],
      stripeObjects: [],
      expected: m(collectedByFacts),
      actual: balance.collected.amount,
      detail: `the payout ledger counts ${balance.collected.amount.amount} collected, the pledge service ${collectedByFacts}`,
    });
  const differsRefunded = paidFacts.filter((fact) => (state.refunds[fact.pledgeId] ?? 0) !== (fact.refunded?.amount ?? 0));
  if (balance.refunded.amount.amount !== refundedByFacts || differsRefunded.length > 0)
    mismatches.push({
      ...about,
      kind: 'ledger_refunded',
      key: `ledger_refunded:${campaignId}`,
      streams: [ledgerStream, ...differsRefunded.map((fact) => fact.stream.streamId)],
      stripeObjects: [],
      expected: m(refundedByFacts),
      actual: balance.refunded.amount,
      detail: `the payout ledger counts ${balance.refunded.amount.amount} refunded, the pledge service ${refundedByFacts}`,
    });

  const paid = statements.filter((statement) => statement.transferId !== null);
  const paidTotal = sum(paid.map((statement) => statement.netDue.amount));
  const awaitingTransfer = sum(statements.filter((s) => s.transferId === null).map((s) => s.netDue.amount));
  const reversed = sum((ledger?.reversals ?? []).map((reversal) => reversal.amount.amount));
  const transferred = paidTotal - reversed;
  const owed = balance.collected.amount.amount - balance.refunded.amount.amount;
  const accounted = transferred + awaitingTransfer + balance.balance.amount;
  if (owed !== accounted)
    mismatches.push({
      ...about,
      kind: 'campaign_books',
      key: `campaign_books:${campaignId}`,
      streams: [ledgerStream, ...statements.map((statement) => statement.streamId)],
      stripeObjects: [],
      expected: m(owed),
      actual: m(accounted),
      detail: `collected − refunded = ${owed}; transferred (${transferred}) + awaiting transfer (${awaitingTransfer}) + ledger balance (${balance.balance.amount}) = ${accounted}`,
    });

  const group = transferGroupOf(campaignId);
  const groupTransfers = transfers.filter((transfer) => transfer.transferGroup === group);
  const atStripe = sum(groupTransfers.map((transfer) => transfer.amount.amount - transfer.amountReversed.amount));
  if (atStripe !== transferred)
    mismatches.push({
      ...about,
      kind: 'campaign_transfers',
      key: `campaign_transfers:${campaignId}`,
      streams: [ledgerStream, ...paid.map((statement) => statementStream(statement.statementId))],
      stripeObjects: groupTransfers.map((transfer) => transfer.transferId),
      expected: m(transferred),
      actual: m(atStripe),
      detail: `Stripe's transfers in ${group} less reversals = ${atStripe}; the statements paid (${paidTotal}) less advances reversed (${reversed}) = ${transferred}`,
    });

  return {
    figures: {
      campaignId,
      currency,
      collected: collectedByFacts,
      refunded: refundedByFacts,
      transferred,
      awaitingTransfer,
      stillDue: balance.netDue.amount,
      outstandingAdvance: balance.outstandingAdvance.amount,
      feesBorne,
    },
    mismatches,
  };
};
