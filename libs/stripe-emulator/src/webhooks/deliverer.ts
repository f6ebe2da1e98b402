import type Stripe from 'stripe';
import { signatureHeader } from './signature';

/** One attempt to deliver one event to one endpoint, kept for the control API's listing. */
export interface DeliveryAttempt {
  readonly eventId: string;
  readonly type: string;
  readonly endpoint: string;
  readonly attempt: number;
  readonly status: number | 'network-error';
  readonly at: string;
}

export interface RetryPolicy {
  /** Wait before the second attempt; doubled after each failure. */
  readonly initialMs: number;
  readonly maxMs: number;
}

interface Delivery {
  readonly event: Stripe.Event;
  readonly endpoint: string;
  attempt: number;
}

/**
 * Delivers events to endpoints at least once: retried with exponential back-off until a 2xx. The
 * control API can hold deliveries (to release them in another order), duplicate or delay the next ones.
 */
export class WebhookDeliverer {
  readonly attempts: DeliveryAttempt[] = [];
  private held: Delivery[] | undefined;
  private duplicateCount = 0;
  private delays: number[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly secret: string,
    private readonly retry: RetryPolicy,
  ) {}

  deliver(event: Stripe.Event, endpoints: readonly string[]): void {
    for (const endpoint of endpoints) {
      const copies = this.duplicateCount > 0 ? 2 : 1;
      for (let i = 0; i < copies; i += 1) this.enqueue({ event, endpoint, attempt: 0 });
    }
    if (this.duplicateCount > 0) this.duplicateCount -= 1;
  }

  hold(): void {
    this.held ??= [];
  }

  /** Sends what was held, in the order asked ('reverse' proves a receiver copes with out-of-order events). */
  release(order: 'fifo' | 'reverse' = 'fifo'): number {
    const held = this.held ?? [];
    this.held = undefined;
    for (const delivery of order === 'reverse' ? [...held].reverse() : held) this.send(delivery);
    return held.length;
  }

  duplicateNext(count: number): void {
    this.duplicateCount += count;
  }

  delayNext(count: number, ms: number): void {
    for (let i = 0; i < count; i += 1) this.delays.push(ms);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private enqueue(delivery: Delivery): void {
    if (this.held !== undefined) this.held.push(delivery);
    else {
      const delay = this.delays.shift();
      if (delay === undefined) this.send(delivery);
      else this.later(delay, () => this.send(delivery));
    }
  }

  private later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  private send(delivery: Delivery): void {
    if (this.stopped) return;
    delivery.attempt += 1;
    const payload = JSON.stringify(delivery.event, null, 2);
    const record = (status: DeliveryAttempt['status']): void => {
      this.attempts.push({
        eventId: delivery.event.id,
        type: delivery.event.type,
        endpoint: delivery.endpoint,
        attempt: delivery.attempt,
        status,
        at: new Date().toISOString(),
      });
      if (typeof status === 'number' && status >= 200 && status < 300) return;
      const wait = Math.min(this.retry.maxMs, this.retry.initialMs * 2 ** (delivery.attempt - 1));
      this.later(wait, () => this.send(delivery));
    };
    fetch(delivery.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': signatureHeader(payload, this.secret),
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks) elan-stripe-emulator',
      },
      body: payload,
      signal: AbortSignal.timeout(10_000),
    }).then(
      async (response) => {
        await response.arrayBuffer().catch(() => undefined);
        record(response.status);
      },
      () => record('network-error'),
    );
  }
}
