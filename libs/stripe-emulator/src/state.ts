import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type Stripe from 'stripe';
import { configureEndpoint, upgradeEndpoints, type WebhookEndpointConfig } from './webhooks/endpoints';

/** A stored answer to an `Idempotency-Key`, replayed for 24 h to the same request. */
export interface IdempotencyRecord {
  readonly request: string;
  readonly status: number;
  readonly body: unknown;
  readonly at: number;
}

/** How a test card behaves, by Stripe's published test numbers (see test-cards.ts). */
export interface CardFacts {
  readonly testCard: string;
  /** Set when a SetupIntent with `usage: off_session` authenticated this payment method. */
  setUpOffSession: boolean;
}

/** Everything the emulator holds; plain data, so it can be written to a JSON state file as is. */
export interface EmulatorData {
  customers: Record<string, Stripe.Customer>;
  paymentMethods: Record<string, Stripe.PaymentMethod>;
  cards: Record<string, CardFacts>;
  setupIntents: Record<string, Stripe.SetupIntent>;
  paymentIntents: Record<string, Stripe.PaymentIntent>;
  charges: Record<string, Stripe.Charge>;
  refunds: Record<string, Stripe.Refund>;
  balanceTransactions: Record<string, Stripe.BalanceTransaction>;
  accounts: Record<string, Stripe.Account>;
  transfers: Record<string, Stripe.Transfer>;
  transferReversals: Record<string, Stripe.TransferReversal>;
  events: Record<string, Stripe.Event>;
  /** Where events go, each with its `enabled_events` (state files with a list of URLs are read too). */
  webhookEndpoints: Record<string, Stripe.WebhookEndpoint>;
  idempotency: Record<string, IdempotencyRecord>;
}

export type Collection = Exclude<keyof EmulatorData, 'idempotency' | 'cards'>;

export const emptyData = (webhookEndpoints: Record<string, Stripe.WebhookEndpoint> = {}): EmulatorData => ({
  customers: {},
  paymentMethods: {},
  cards: {},
  setupIntents: {},
  paymentIntents: {},
  charges: {},
  refunds: {},
  balanceTransactions: {},
  accounts: {},
  transfers: {},
  transferReversals: {},
  events: {},
  webhookEndpoints,
  idempotency: {},
});

/** Which collection holds an id, by its Stripe prefix (`pi_…` is a PaymentIntent). */
const BY_PREFIX: Record<string, Collection> = {
  cus: 'customers',
  pm: 'paymentMethods',
  seti: 'setupIntents',
  pi: 'paymentIntents',
  ch: 'charges',
  re: 'refunds',
  txn: 'balanceTransactions',
  acct: 'accounts',
  tr: 'transfers',
  trr: 'transferReversals',
  evt: 'events',
  we: 'webhookEndpoints',
};

export const collectionOf = (id: string): Collection | undefined => BY_PREFIX[id.slice(0, id.indexOf('_'))];

/** The in-memory state, optionally mirrored to a file after every change (written whole, then renamed). */
export class EmulatorState {
  data: EmulatorData;

  constructor(
    private readonly stateFile: string | undefined,
    webhookEndpoints: readonly WebhookEndpointConfig[],
  ) {
    this.data =
      stateFile !== undefined && existsSync(stateFile)
        ? (JSON.parse(readFileSync(stateFile, 'utf8')) as EmulatorData)
        : emptyData();
    upgradeEndpoints(this.data);
    for (const endpoint of webhookEndpoints) configureEndpoint(this.data, endpoint);
  }

  find(id: string): unknown {
    const collection = collectionOf(id);
    return collection === undefined ? undefined : this.data[collection][id];
  }

  save(): void {
    if (this.stateFile === undefined) return;
    writeFileSync(`${this.stateFile}.tmp`, JSON.stringify(this.data));
    renameSync(`${this.stateFile}.tmp`, this.stateFile);
  }

  reset(): void {
    this.data = emptyData(this.data.webhookEndpoints);
    this.save();
  }
}
