import type { ReplyOf, RequestOf, getPledgePaymentFacts, verifyPledgeStreams } from '@elan/contracts';
import type { PostgresEventStore } from '@elan/event-store';
import { pledgePaymentFactsPage } from '../read-models/payment-facts';

/**
 * The pledge service's account for the reconciliation (issue #11), from its own log: the
 * pledges ever paid, with their streams' heads, and the verification of every hash chain.
 */
export class PledgeReconciliation {
  constructor(private readonly store: PostgresEventStore) {}

  paymentFacts(request: RequestOf<typeof getPledgePaymentFacts>): Promise<ReplyOf<typeof getPledgePaymentFacts>> {
    return pledgePaymentFactsPage(this.store.pool, this.store.schema, request);
  }

  /** The whole store, every stream (pledges, tallies, collections): a broken link anywhere is named. */
  async verifyStreams(): Promise<ReplyOf<typeof verifyPledgeStreams>> {
    const { ok, eventsChecked, firstBrokenLink } = await this.store.verify();
    return { ok, eventsChecked, firstBrokenLink: firstBrokenLink ?? null };
  }
}
