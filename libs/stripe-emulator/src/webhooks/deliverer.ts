import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { urlToHttpOptions } from 'node:url';
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

interface Target {
  readonly secure: boolean;
  readonly options: RequestOptions;
}

interface Delivery {
  readonly event: Stripe.Event;
  readonly endpoint: string;
  /** The event as sent: serialised once, whatever the number of attempts. */
  readonly payload: string;
  attempt: number;
}

/** An attempt that has not answered (headers and body) after this long is a network error, or its status. */
const ATTEMPT_TIMEOUT_MS = 10_000;
/** Connections kept open per endpoint: enough for a rush of payments, few enough for a small machine. */
const MAX_SOCKETS_PER_ENDPOINT = 32;
/**
 * An idle connection is closed after this long, under Node's default server keep-alive (5 s), so a
 * delivery never goes out on a connection the receiver is closing.
 */
const IDLE_SOCKET_MS = 4_000;
const USER_AGENT = 'Stripe/1.0 (+https://stripe.com/docs/webhooks) elan-stripe-emulator';

/**
 * Delivers events to endpoints at least once: retried with exponential back-off until a 2xx. The
 * control API can hold deliveries (to release them in another order), duplicate or delay the next ones.
 * Deliveries go through `node:http(s)` on kept-alive connections (one pool per deliverer).
 */
export class WebhookDeliverer {
  readonly attempts: DeliveryAttempt[] = [];
  private held: Delivery[] | undefined;
  private duplicateCount = 0;
  private delays: number[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private readonly agentOptions = { keepAlive: true, maxSockets: MAX_SOCKETS_PER_ENDPOINT, timeout: IDLE_SOCKET_MS };
  private readonly httpAgent = new HttpAgent(this.agentOptions);
  private readonly httpsAgent = new HttpsAgent(this.agentOptions);
  /** Each endpoint's URL parsed once: where to connect, and whether with TLS (undefined: not http(s)). */
  private readonly targets = new Map<string, Target | undefined>();

  constructor(
    private readonly secret: string,
    private readonly retry: RetryPolicy,
  ) {}

  deliver(event: Stripe.Event, endpoints: readonly string[]): void {
    const payload = endpoints.length === 0 ? '' : JSON.stringify(event);
    for (const endpoint of endpoints) {
      const copies = this.duplicateCount > 0 ? 2 : 1;
      for (let i = 0; i < copies; i += 1) this.enqueue({ event, endpoint, payload, attempt: 0 });
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
    // Attempts in flight end as network errors, which schedule nothing once stopped.
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
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
    if (this.stopped) return; // an attempt that settles after stop() schedules nothing more
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  private targetOf(endpoint: string): Target | undefined {
    if (!this.targets.has(endpoint)) {
      let url: URL | undefined;
      try {
        url = new URL(endpoint);
      } catch {
        url = undefined;
      }
      const web = url?.protocol === 'http:' || url?.protocol === 'https:';
      const { protocol, hostname, port, path, auth } = url !== undefined && web ? urlToHttpOptions(url) : {};
      this.targets.set(
        endpoint,
        web ? { secure: protocol === 'https:', options: { protocol, hostname, port, path, auth } } : undefined,
      );
    }
    return this.targets.get(endpoint);
  }

  private send(delivery: Delivery): void {
    if (this.stopped) return;
    delivery.attempt += 1;
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
    const target = this.targetOf(delivery.endpoint);
    if (target === undefined) return void queueMicrotask(() => record('network-error'));
    this.post(target, delivery.payload, record);
  }

  /**
   * One POST; `settle` gets the status once the whole body is read (so the connection goes back to the
   * pool), the status anyway when the body breaks off, or 'network-error' when no answer came.
   */
  private post({ secure, options }: Target, payload: string, settle: (status: DeliveryAttempt['status']) => void): void {
    let status: number | undefined;
    let settled = false;
    const done = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      settle(status ?? 'network-error');
    };
    const request = (secure ? httpsRequest : httpRequest)({
      ...options,
      method: 'POST',
      agent: secure ? this.httpsAgent : this.httpAgent,
      headers: {
        accept: '*/*',
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(payload),
        'stripe-signature': signatureHeader(payload, this.secret),
        'user-agent': USER_AGENT,
      },
    });
    const timeout = setTimeout(() => request.destroy(new Error('webhook delivery timed out')), ATTEMPT_TIMEOUT_MS);
    timeout.unref();
    request.on('response', (response: IncomingMessage) => {
      status = response.statusCode;
      response.on('end', done);
      response.on('error', done);
      response.on('close', done);
      response.resume();
    });
    request.on('error', done);
    request.end(payload);
  }
}
