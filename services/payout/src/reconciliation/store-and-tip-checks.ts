import { money } from '@elan/domain-kernel';
import { sum } from './payments-index';
import type { ChainReport, Mismatch, MoneyStore, PledgeFact, TipFact, TipLedgerTotal } from './reconciliation.types';

/** Every stream of the three money stores passes its hash-chain verification. */
export const checkChains = (chains: Readonly<Record<MoneyStore, ChainReport>>, pledgeFacts: readonly PledgeFact[]): Mismatch[] =>
  (Object.entries(chains) as [MoneyStore, ChainReport][])
    .filter(([, report]) => !report.ok)
    .map(([store, report]) => {
      const link = report.firstBrokenLink;
      const campaignId =
        (link && pledgeFacts.find((fact) => fact.stream.streamId === link.streamId)?.campaignId) ??
        (link && /^payoutledger-(.+)$/.exec(link.streamId)?.[1]) ??
        null;
      return {
        kind: 'chain_broken',
        key: `chain_broken:${store}`,
        campaignId,
        paymentIntentId: null,
        streams: link ? [link.streamId] : [],
        stripeObjects: [],
        expected: null,
        actual: null,
        detail: link
          ? `the ${store} store's chain breaks at ${link.streamId} position ${link.streamPosition} (global ${link.globalPosition}): ${link.reason}`
          : `the ${store} store's chain does not verify`,
      };
    });

/** Tips collected (paid − refunded, from the tipping service's facts) = the tipping ledger's total, per currency. */
export const checkTips = (tipFacts: readonly TipFact[], ledger: readonly TipLedgerTotal[]): Mismatch[] => {
  const currencies = new Set([
    ...tipFacts.flatMap((fact) => (fact.paid ? [fact.paid.currency] : [])),
    ...ledger.map((entry) => entry.total.currency),
  ]);
  const mismatches: Mismatch[] = [];
  for (const currency of currencies) {
    const facts = tipFacts.filter((fact) => fact.paid?.currency === currency);
    const kept = sum(facts.map((fact) => (fact.paid?.amount ?? 0) - (fact.refunded?.amount ?? 0)));
    const total = sum(ledger.filter((entry) => entry.total.currency === currency).map((entry) => entry.total.amount));
    if (kept !== total)
      mismatches.push({
        kind: 'tips',
        key: `tips:${currency}`,
        campaignId: null,
        paymentIntentId: null,
        streams: [],
        stripeObjects: [],
        expected: money(kept, currency),
        actual: money(total, currency),
        detail: `tips paid − refunded = ${kept} ${currency}, the tipping ledger's total ${total} ${currency}`,
      });
  }
  return mismatches;
};
