import type { ReplyOf, RequestOf, getTipPaymentFacts, verifyTipStreams } from '@elan/contracts';
import type { PostgresEventStore } from '@elan/event-store';
import { tipPaymentFactsPage } from './tip-payment-facts';

/**
 * The tipping service's account for the reconciliation (issue #11), from its own log: the tips
 * above 0 ever paid, with their streams' heads, and the verification of every hash chain.
 */
export class TipReconciliation {
  constructor(private readonly store: PostgresEventStore) {}

  paymentFacts(request: RequestOf<typeof getTipPaymentFacts>): Promise<ReplyOf<typeof getTipPaymentFacts>> {
    return tipPaymentFactsPage(this.store.pool, this.store.schema, request);
  }

  async verifyStreams(): Promise<ReplyOf<typeof verifyTipStreams>> {
    const { ok, eventsChecked, firstBrokenLink } = await this.store.verify();
    return { ok, eventsChecked, firstBrokenLink: firstBrokenLink ?? null };
  }
}
