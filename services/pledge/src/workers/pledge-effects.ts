import type { PoolClient } from 'pg';
import { add } from '@elan/domain-kernel';
import type { PostgresEventStore, RecordedEvent, Subscription } from '@elan/event-store';
import { idempotencyKey, PaymentProviderError, type IdempotencyKey, type PaymentProvider } from '@elan/payments';
import type { PledgeApplication } from '../application/pledge-application';
import { transferGroupOf } from '../application/payment-intents';
import type { CollectionRequested, PledgeEvent, Settlement } from '../pledge';

const owner = (pledgeId: string) => ({ service: 'pledge' as const, entity: 'pledge', id: pledgeId });

/**
 * What the pledge service does at Stripe because of its own facts, read from its log by a
 * catch-up subscription: it charges saved cards when a collection is requested, refunds what a
 * pledge that ended must give back, and cancels the intent of an abandoned checkout. Each call's
 * idempotency key derives from the pledge, so a batch retried after a crash or a Stripe timeout
 * acts once at Stripe; outcomes come back as the pledge's commands in the same transaction as
 * the subscription's checkpoint.
 */
export class PledgeEffects {
  private readonly subscription: Subscription;

  constructor(
    store: PostgresEventStore,
    private readonly pledges: PledgeApplication,
    private readonly payments: PaymentProvider,
    onError: (error: unknown) => void,
  ) {
    this.subscription = store.subscribe({
      name: 'pledge-effects',
      batchSize: 50,
      pollIntervalMs: 200,
      handle: async (events, client) => {
        for (const event of events) await this.effectOf(event, client);
      },
      onError,
    });
  }

  start(): Promise<void> {
    return this.subscription.start();
  }

  stop(): Promise<void> {
    return this.subscription.stop();
  }

  private async effectOf(recorded: RecordedEvent, client: PoolClient): Promise<void> {
    if (!recorded.streamId.startsWith('pledge-')) return;
    const event = { type: recorded.type, data: recorded.data } as PledgeEvent;
    switch (event.type) {
      case 'CollectionRequested':
        return this.collect(event, client);
      case 'PledgeCancelled':
      case 'PledgeRefunded':
        // The tip was the tipping service's from the commitment on: it refunds its own line.
        return this.refund(event.data.pledgeId, event.data.settlement, false);
      case 'LatePledgeRefused':
      case 'AbandonedPaymentRefunded':
        // Never committed, so the tip never became the tipping service's: the whole charge goes back.
        return this.refund(event.data.pledgeId, event.data.settlement, true);
      case 'PledgeAbandoned':
        return this.cancelCheckout(event.data.pledgeId, client);
      default:
        return;
    }
  }

  private async collect(event: CollectionRequested, client: PoolClient): Promise<void> {
    const { pledgeId, campaignId, total, attempt } = event.data;
    const state = await this.pledges.load(pledgeId, client);
    if (state.status !== 'collecting' || state.attempt !== attempt) return; // recorded already
    const setup = await this.payments.retrieveCardSetup(state.intentId);
    if (!setup.customerId || !setup.paymentMethodId) {
      await this.decline(pledgeId, 'card_missing', client);
      return;
    }
    const outcome = await this.payments.chargeSavedCard({
      owner: owner(pledgeId),
      // The decider's key (`pledge-<id>-collection-<attempt>`): one charge per attempt, whatever the retries.
      idempotencyKey: event.data.idempotencyKey as IdempotencyKey,
      amount: total,
      customerId: setup.customerId,
      paymentMethodId: setup.paymentMethodId,
      transferGroup: transferGroupOf(campaignId),
      description: `Collection of pledge ${pledgeId}, attempt ${attempt}`,
    });
    switch (outcome.kind) {
      case 'succeeded':
        await this.pledges.execute(
          {
            type: 'RecordCollection',
            data: { pledgeId, paymentIntentId: outcome.payment.paymentId, collectedAt: this.pledges.now().toISOString() },
            metadata: {},
          },
          client,
        );
        return;
      case 'declined':
        return this.decline(pledgeId, outcome.declineCode, client);
      case 'requires_action':
        return this.decline(pledgeId, 'authentication_required', client);
      case 'processing':
        return; // Stripe's webhook will say how it ended
    }
  }

  private async decline(pledgeId: string, declineCode: string, client: PoolClient): Promise<void> {
    await this.pledges.execute({ type: 'RecordCollectionDecline', data: { pledgeId, declineCode }, metadata: {} }, client);
  }

  private async refund(pledgeId: string, settlement: Settlement, withTip: boolean): Promise<void> {
    if (!settlement.charged || !settlement.paymentIntentId) return;
    const amount = withTip ? add(settlement.pledgeRefund, settlement.tip.amount) : settlement.pledgeRefund;
    if (amount.amount === 0) return;
    await this.payments.refund({
      owner: owner(pledgeId),
      idempotencyKey: idempotencyKey('pledge', pledgeId, 'refund'),
      paymentId: settlement.paymentIntentId,
      amount,
    });
  }

  /** So that an abandoned checkout's page can no longer be paid; one that was paid meanwhile is refunded on its webhook. */
  private async cancelCheckout(pledgeId: string, client: PoolClient): Promise<void> {
    const state = await this.pledges.load(pledgeId, client);
    const intentId = 'intentId' in state ? state.intentId : undefined;
    if (!intentId?.startsWith('pi_')) return;
    try {
      await this.payments.cancelPayment(intentId, { idempotencyKey: idempotencyKey('pledge', pledgeId, 'cancel-payment') });
    } catch (error) {
      // Already succeeded or cancelled: nothing left to cancel. Stripe being down is retried.
      if (!(error instanceof PaymentProviderError) || error.kind === 'unavailable') throw error;
    }
  }
}
