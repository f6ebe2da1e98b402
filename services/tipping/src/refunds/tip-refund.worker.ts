import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '@elan/event-store';
import { idempotencyKey, type PaymentProvider, type Refund } from '@elan/payments';

/** A refund owed, as the worker takes it. */
interface OwedRefund {
  readonly tip_id: string;
  readonly payment_id: string;
  readonly amount: string;
  readonly currency: string;
  readonly attempts: number;
}

export interface TipRefundWorkerOptions {
  readonly pool: Pool;
  readonly schema: string;
  /** Absent when the service has no Stripe key: every refund owed then fails loudly and waits. */
  readonly provider: PaymentProvider | undefined;
  /** How often to look for refunds owed when not nudged (500 ms unless given). */
  readonly pollIntervalMs?: number;
  /** Wait before the n-th retry of a failed refund (1 s doubling, at most 5 min, unless given). */
  readonly retryAfterMs?: (attempts: number) => number;
  readonly onError?: (error: unknown, tipId: string) => void;
}

/** The one Stripe idempotency key of a tip's refund, alone or with its pledge: a tip is refunded once. */
export const tipRefundKey = (tipId: string) => idempotencyKey('tip', tipId, 'refund');

const defaultRetry = (attempts: number): number => Math.min(1_000 * 2 ** (attempts - 1), 300_000);

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Pays the tip refunds owed (`tip_refunds`), one row per transaction, each row locked
 * `FOR UPDATE SKIP LOCKED` so replicas share the work and never refund one tip side by side.
 * The Stripe call carries `tip:<tipId>:refund`: after a crash between Stripe's answer and the
 * row's update, the retry gets the same refund back instead of a second one. A failure is kept
 * on the row (`attempts`, `last_error`) and retried later, without holding up the other tips.
 */
export class TipRefundWorker {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private nudged = false;

  constructor(private readonly options: TipRefundWorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
  }

  /** Looks for refunds owed now rather than at the next poll. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.nudged = false;
      try {
        while (this.running && (await this.payNextOwed())) {
          // one refund per transaction, until none is due
        }
      } catch (error) {
        this.options.onError?.(error, '(looking for refunds owed)');
      }
      if (this.running && !this.nudged) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs ?? 500);
      this.wake = done;
    });
  }

  /** Pays the oldest refund due, if any; says whether there was one. */
  private payNextOwed(): Promise<boolean> {
    const { pool, schema } = this.options;
    return inTransaction(pool, async (client) => {
      const { rows } = await client.query<OwedRefund>(
        `SELECT tip_id, payment_id, amount::text AS amount, currency, attempts FROM ${schema}.tip_refunds
         WHERE refund_id IS NULL AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      const owed = rows[0];
      if (!owed) return false;
      try {
        await this.recordPaid(client, owed, await this.refund(owed));
      } catch (error) {
        await this.recordFailure(client, owed, error);
      }
      return true;
    });
  }

  private refund(owed: OwedRefund): Promise<Refund> {
    const { provider } = this.options;
    if (!provider) throw new Error('no Stripe key is configured (STRIPE_SECRET_KEY): the tip refund waits for one');
    return provider.refund({
      owner: { service: 'tipping', entity: 'tip', id: owed.tip_id },
      idempotencyKey: tipRefundKey(owed.tip_id),
      paymentId: owed.payment_id,
      amount: { amount: Number(owed.amount), currency: owed.currency.trim() },
    });
  }

  private async recordPaid(client: PoolClient, owed: OwedRefund, refund: Refund): Promise<void> {
    // A refund Stripe refused is kept with its status for a person to look at: the same key would only return it again.
    if (refund.status === 'failed' || refund.status === 'canceled')
      this.options.onError?.(new Error(`Stripe answered refund ${refund.refundId} as ${refund.status}`), owed.tip_id);
    await client.query(
      `UPDATE ${this.options.schema}.tip_refunds
       SET refund_id = $2, refund_status = $3, refunded_at = now(), attempts = attempts + 1, last_error = NULL
       WHERE tip_id = $1`,
      [owed.tip_id, refund.refundId, refund.status],
    );
  }

  private async recordFailure(client: PoolClient, owed: OwedRefund, error: unknown): Promise<void> {
    const attempts = owed.attempts + 1;
    this.options.onError?.(error, owed.tip_id);
    const retryAfterMs = (this.options.retryAfterMs ?? defaultRetry)(attempts);
    await client.query(
      `UPDATE ${this.options.schema}.tip_refunds
       SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
       WHERE tip_id = $1`,
      [owed.tip_id, attempts, describe(error), retryAfterMs],
    );
  }
}
