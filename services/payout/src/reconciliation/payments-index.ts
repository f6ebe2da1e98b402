import type { PledgeFact, TipFact } from './reconciliation.types';

/** Élan's account of one PaymentIntent: its pledge part and its tip part, as their own services tell them. */
export interface ElanPayment {
  readonly paymentIntentId: string;
  readonly campaignId: string | null;
  readonly currency: string;
  pledgePaid: number;
  pledgeRefunded: number;
  tipPaid: number;
  tipRefunded: number;
  readonly streams: string[];
}

/** Every PaymentIntent some Élan service accounts for, by id. */
export const indexPayments = (pledgeFacts: readonly PledgeFact[], tipFacts: readonly TipFact[]): Map<string, ElanPayment> => {
  const payments = new Map<string, ElanPayment>();
  const campaignOfPledge = new Map(pledgeFacts.map((fact) => [fact.pledgeId, fact.campaignId]));
  const entry = (paymentIntentId: string, campaignId: string | null, currency: string): ElanPayment => {
    const known = payments.get(paymentIntentId);
    if (known) return known;
    const fresh: ElanPayment = {
      paymentIntentId,
      campaignId,
      currency,
      pledgePaid: 0,
      pledgeRefunded: 0,
      tipPaid: 0,
      tipRefunded: 0,
      streams: [],
    };
    payments.set(paymentIntentId, fresh);
    return fresh;
  };
  for (const fact of pledgeFacts) {
    if (fact.paymentIntentId === null || fact.paid === null) continue;
    const payment = entry(fact.paymentIntentId, fact.campaignId, fact.paid.currency);
    payment.pledgePaid += fact.paid.amount;
    payment.pledgeRefunded += fact.refunded?.amount ?? 0;
    payment.streams.push(fact.stream.streamId);
  }
  for (const fact of tipFacts) {
    if (fact.paymentIntentId === null || fact.paid === null) continue;
    const payment = entry(fact.paymentIntentId, campaignOfPledge.get(fact.pledgeId) ?? null, fact.paid.currency);
    payment.tipPaid += fact.paid.amount;
    payment.tipRefunded += fact.refunded?.amount ?? 0;
    payment.streams.push(fact.stream.streamId);
  }
  return payments;
};

export const sum = (amounts: Iterable<number>): number => {
  let total = 0;
  for (const amount of amounts) total += amount;
  return total;
};
