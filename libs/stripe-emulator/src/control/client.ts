import type Stripe from 'stripe';
import type { EmulatorData } from '../state';
import type { DeliveryAttempt } from '../webhooks/deliverer';
import type { Verification } from '../resources/accounts';
import type { FaultRule } from './faults';

/** Typed client of the emulator's control API (`/_emulator/…`), for tests and scripts. */
export class StripeEmulatorControl {
  constructor(private readonly baseUrl: string) {}

  /** Everything the emulator holds: customers, intents, charges, balance transactions, events… */
  state(): Promise<EmulatorData> {
    return this.call('GET', '/state');
  }

  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }

  /** Makes the next `times` calls to `path` fail (500, timeout, connection reset) or answer late. */
  async failNext(rule: FaultRule): Promise<void> {
    await this.call('POST', '/faults', rule);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  /**
   * Sends events to `url`: every type, or only those listed (Stripe's `enabled_events`; `*` is all).
   * Given again for the same URL, it sets which events the URL receives.
   */
  async addWebhookEndpoint(url: string, enabledEvents?: readonly string[]): Promise<void> {
    await this.call('POST', '/webhook-endpoints', { url, enabledEvents });
  }

  deliveries(): Promise<DeliveryAttempt[]> {
    return this.call('GET', '/webhooks/deliveries');
  }

  /** Holds webhook deliveries until `releaseWebhooks`, which may send them in reverse order. */
  async holdWebhooks(): Promise<void> {
    await this.call('POST', '/webhooks/hold');
  }

  async releaseWebhooks(order: 'fifo' | 'reverse' = 'fifo'): Promise<number> {
    return (await this.call<{ released: number }>('POST', '/webhooks/release', { order })).released;
  }

  async duplicateNextWebhooks(count = 1): Promise<void> {
    await this.call('POST', '/webhooks/duplicate-next', { count });
  }

  async delayNextWebhooks(count: number, ms: number): Promise<void> {
    await this.call('POST', '/webhooks/delay-next', { count, ms });
  }

  async redeliverEvent(eventId: string): Promise<void> {
    await this.call('POST', `/events/${eventId}/redeliver`);
  }

  /** Moves an Express account: `pending`, `verified`, or `restricted` with requirements currently due. */
  setAccountVerification(accountId: string, status: Verification, currentlyDue?: string[]): Promise<Stripe.Account> {
    return this.call('POST', `/accounts/${accountId}/verification`, { status, currentlyDue });
  }

  /** Completes (or fails) the 3-D Secure challenge of a PaymentIntent or SetupIntent in `requires_action`. */
  completeAuthentication<T extends Stripe.PaymentIntent | Stripe.SetupIntent>(
    intentId: string,
    outcome: 'succeed' | 'fail' = 'succeed',
  ): Promise<T> {
    return this.call('POST', `/3ds/${intentId}`, { outcome });
  }

  /** Alters stored amounts behind the API's back (`amount`, `fee`, `net`…), for reconciliation tests. */
  alterAmounts<T = Record<string, unknown>>(objectId: string, amounts: Record<string, number>): Promise<T> {
    return this.call('POST', `/objects/${objectId}`, amounts);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as T;
    if (!response.ok) throw new Error(`control API ${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  }
}
