import { randomUUID } from 'node:crypto';
import { headers as natsHeaders, type NatsConnection } from 'nats';
import { pledgeCommitted, pledgeWithdrawn, type IntegrationEventContract, type PayloadOf } from '@elan/contracts';
import { uuidv7 } from '@elan/domain-kernel';
import { HEADER } from '@elan/messaging';
import { idempotencyKey, StripePaymentProvider } from '@elan/payments';
import type { RunningStripeEmulator } from '@elan/stripe-emulator';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const CAMPAIGN_ID = '01950000-0000-7000-8000-00000000c001';

export interface ChargedPledge {
  readonly pledgeId: string;
  readonly amount: number;
  readonly tip: number;
  readonly contributorRef: string;
  readonly paymentIntentId: string;
}

/**
 * What the pledge service does that the tipping service hears of, played by the test (the pledge
 * service is built beside this one): it charges pledge + tip in one payment at the Stripe
 * emulator, publishes its integration events on JetStream with their envelope, and refunds the
 * pledge's own part when a charged pledge is withdrawn.
 */
export class PledgeServiceDouble {
  private readonly payments: StripePaymentProvider;
  private readonly positions = new Map<string, number>();

  constructor(
    private readonly nc: NatsConnection,
    emulator: RunningStripeEmulator,
  ) {
    this.payments = new StripePaymentProvider({
      secretKey: emulator.secretKey,
      host: emulator.host,
      port: emulator.port,
      protocol: emulator.protocol,
    });
  }

  /** A keep-it-all pledge charged and committed at `committedAt`. */
  async commit(facts: { amount: number; tip: number; contributorRef: string }, committedAt: string): Promise<ChargedPledge> {
    const pledgeId = uuidv7();
    const outcome = await this.payments.payNow({
      owner: { service: 'pledge', entity: 'pledge', id: pledgeId },
      idempotencyKey: idempotencyKey('pledge', pledgeId, 'pay'),
      amount: eur(facts.amount + facts.tip),
      paymentMethodId: 'pm_card_visa',
    });
    if (outcome.kind !== 'succeeded') throw new Error(`the test payment did not succeed: ${outcome.kind}`);
    const pledge = { ...facts, pledgeId, paymentIntentId: outcome.payment.paymentId };
    await this.publish(pledge.pledgeId, pledgeCommitted, {
      pledgeId,
      campaignId: CAMPAIGN_ID,
      fundingModel: 'keep_it_all',
      amount: eur(facts.amount),
      tip: this.tipOf(pledge),
      contributorRef: facts.contributorRef,
      charged: true,
      paymentIntentId: pledge.paymentIntentId,
      committedAt,
    });
    return pledge;
  }

  /** The pledge refunded: its event, and the refund of the pledge's part (the tipping service refunds the tip). */
  async refund(pledge: ChargedPledge, withdrawnAt: string): Promise<void> {
    await this.publish(pledge.pledgeId, pledgeWithdrawn, {
      pledgeId: pledge.pledgeId,
      campaignId: CAMPAIGN_ID,
      reason: 'refunded',
      amount: eur(pledge.amount),
      tip: this.tipOf(pledge),
      charged: true,
      paymentIntentId: pledge.paymentIntentId,
      withdrawnAt,
    });
    await this.payments.refund({
      owner: { service: 'pledge', entity: 'pledge', id: pledge.pledgeId },
      idempotencyKey: idempotencyKey('pledge', pledge.pledgeId, 'refund'),
      paymentId: pledge.paymentIntentId,
      amount: eur(pledge.amount),
    });
  }

  private tipOf(pledge: ChargedPledge) {
    return { amount: eur(pledge.tip), ...(pledge.tip > 0 && { tipId: pledge.pledgeId }) };
  }

  private async publish<C extends IntegrationEventContract>(pledgeId: string, contract: C, payload: PayloadOf<C>): Promise<void> {
    const position = (this.positions.get(pledgeId) ?? 0) + 1;
    this.positions.set(pledgeId, position);
    const h = natsHeaders();
    h.set(HEADER.eventId, uuidv7());
    h.set(HEADER.eventType, contract.type);
    h.set(HEADER.schemaVersion, String(contract.version));
    h.set(HEADER.streamId, `pledge-${pledgeId}`);
    h.set(HEADER.streamPosition, String(position));
    h.set(HEADER.previousPosition, String(position - 1));
    h.set(HEADER.occurredAt, new Date().toISOString());
    await this.nc.jetstream().publish(contract.subject, JSON.stringify(payload), { headers: h, msgID: randomUUID() });
  }
}
