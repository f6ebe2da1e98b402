import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import Stripe from 'stripe';

/** One request of a load: what to send, built (and signed) before its clock starts. */
export interface Delivery {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface LoadResult {
  readonly latenciesMs: readonly number[];
  readonly statuses: Readonly<Record<number, number>>;
  readonly seconds: number;
}

/** A Stripe event shaped as Stripe sends it for a pledge's PaymentIntent, about 1 KiB of JSON. */
export function stripeEventPayload(): string {
  const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
  return JSON.stringify({
    id: id('evt'),
    object: 'event',
    api_version: '2025-09-30.clover',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: id('req'), idempotency_key: `pledge:${randomBytes(16).toString('hex')}:collect` },
    type: 'payment_intent.succeeded',
    data: {
      object: {
        id: id('pi'),
        object: 'payment_intent',
        amount: 2_500,
        amount_received: 2_500,
        currency: 'eur',
        status: 'succeeded',
        capture_method: 'automatic',
        customer: id('cus'),
        payment_method: id('pm'),
        payment_method_types: ['card'],
        receipt_email: 'contributor@example.org',
        metadata: { elan_service: 'pledge', elan_pledge_id: randomBytes(16).toString('hex') },
      },
    },
  });
}

/** A signed delivery of a new event, as Stripe sends it. */
export const signedDelivery = (secret: string): Delivery => {
  const body = stripeEventPayload();
  return {
    method: 'POST',
    path: '/api/webhooks/stripe',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret }),
    },
    body,
  };
};

/** `count` requests, `concurrency` at a time (Stripe delivers to one endpoint with a few connections). */
export async function drive(origin: string, count: number, concurrency: number, next: () => Delivery): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const statuses: Record<number, number> = {};
  let started = 0;
  const begin = performance.now();
  const lane = async (): Promise<void> => {
    while (started < count) {
      started++;
      const delivery = next();
      const init: RequestInit = { method: delivery.method, ...(delivery.headers && { headers: delivery.headers }) };
      if (delivery.body !== undefined) init.body = delivery.body;
      const t0 = performance.now();
      const response = await fetch(`${origin}${delivery.path}`, init);
      await response.arrayBuffer();
      latenciesMs.push(performance.now() - t0);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { latenciesMs, statuses, seconds: (performance.now() - begin) / 1000 };
}

/** The value below which `share` of the sorted values fall (nearest rank). */
export function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
}
