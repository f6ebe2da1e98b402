import { randomUUID } from 'node:crypto';
import { headers as natsHeaders, type NatsConnection } from 'nats';
import {
  pledgeCollected,
  pledgeCommitted,
  pledgeWithdrawn,
  type IntegrationEventContract,
  type PayloadOf,
} from '@elan/contracts';
import { uuidv7 } from '@elan/domain-kernel';
import { HEADER } from '@elan/messaging';

/**
 * The pledge service's side of the tests: its integration events, published on JetStream with
 * their envelope as its outbox relay would, one stream `pledge-<pledgeId>` per pledge.
 */

export const eur = (amount: number) => ({ amount, currency: 'EUR' });
export const ACCOUNT = '01950000-0000-7000-8000-000000000010';
export const GUEST_TOKEN = 'a-guest-private-link-token';
export const CAMPAIGN_ID = '01950000-0000-7000-8000-00000000c001';

export interface PledgeFacts {
  readonly pledgeId: string;
  readonly amount: number;
  readonly tip: number;
  readonly contributorRef: string;
  readonly paymentIntentId?: string;
}

export const aPledge = (facts: Partial<PledgeFacts> = {}): PledgeFacts => ({
  pledgeId: uuidv7(),
  amount: 3_000,
  tip: 300,
  contributorRef: ACCOUNT,
  ...facts,
});

const tipOf = ({ pledgeId, tip }: PledgeFacts) => ({ amount: eur(tip), ...(tip > 0 && { tipId: pledgeId }) });

export const committed = (
  pledge: PledgeFacts,
  committedAt: string,
  fundingModel: 'keep_it_all' | 'all_or_nothing' = 'keep_it_all',
): PayloadOf<typeof pledgeCommitted> => ({
  pledgeId: pledge.pledgeId,
  campaignId: CAMPAIGN_ID,
  fundingModel,
  amount: eur(pledge.amount),
  tip: tipOf(pledge),
  contributorRef: pledge.contributorRef,
  charged: fundingModel === 'keep_it_all',
  ...(fundingModel === 'keep_it_all' && { paymentIntentId: pledge.paymentIntentId }),
  committedAt,
});

export const collected = (pledge: PledgeFacts, collectedAt: string): PayloadOf<typeof pledgeCollected> => ({
  pledgeId: pledge.pledgeId,
  campaignId: CAMPAIGN_ID,
  amount: eur(pledge.amount),
  tip: tipOf(pledge),
  paymentIntentId: pledge.paymentIntentId ?? 'pi_missing',
  collectedAt,
});

export const withdrawn = (
  pledge: PledgeFacts,
  withdrawnAt: string,
  charged: boolean,
  reason: PayloadOf<typeof pledgeWithdrawn>['reason'] = charged ? 'refunded' : 'released',
): PayloadOf<typeof pledgeWithdrawn> => ({
  pledgeId: pledge.pledgeId,
  campaignId: CAMPAIGN_ID,
  reason,
  amount: eur(pledge.amount),
  tip: tipOf(pledge),
  charged,
  ...(charged && { paymentIntentId: pledge.paymentIntentId }),
  withdrawnAt,
});

/** Publishes one pledge's events in order, as its outbox relay would; `again` resends one already sent. */
export class PledgeStreamPublisher {
  private readonly sent: Array<{ subject: string; data: string; headers: ReturnType<typeof natsHeaders> }> = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly pledgeId: string,
  ) {}

  async publish<C extends IntegrationEventContract>(contract: C, payload: PayloadOf<C>): Promise<void> {
    const position = this.sent.length + 1;
    const h = natsHeaders();
    h.set(HEADER.eventId, uuidv7());
    h.set(HEADER.eventType, contract.type);
    h.set(HEADER.schemaVersion, String(contract.version));
    h.set(HEADER.streamId, `pledge-${this.pledgeId}`);
    h.set(HEADER.streamPosition, String(position));
    h.set(HEADER.previousPosition, String(position - 1));
    h.set(HEADER.occurredAt, new Date().toISOString());
    const message = { subject: contract.subject, data: JSON.stringify(payload), headers: h };
    this.sent.push(message);
    await this.nc.jetstream().publish(message.subject, message.data, { headers: h, msgID: randomUUID() });
  }

  /** The n-th message (1-based) again, as a redelivery or a relay's retry would bring it (JetStream keeps both copies). */
  async again(position: number): Promise<void> {
    const message = this.sent[position - 1];
    if (!message) throw new Error(`no message ${position} was sent`);
    await this.nc.jetstream().publish(message.subject, message.data, { headers: message.headers, msgID: randomUUID() });
  }
}
