/**
 * Faults a test injects into the next calls to an endpoint: a 500 (Stripe's `api_error`), a timeout (no
 * answer at all), a connection reset, or a late answer. `afterProcessing` resets the connection only once
 * the call has done its work — the lost response that idempotency keys exist for.
 */
export interface FaultRule {
  /** Path prefix, e.g. `/v1/payment_intents`. */
  readonly path: string;
  readonly method?: 'GET' | 'POST' | 'DELETE';
  readonly kind: 'http-500' | 'timeout' | 'connection-reset' | 'delay';
  /** How many of the next matching calls it applies to; 1 unless given. */
  readonly times?: number;
  /** For `delay`: how late the answer comes. */
  readonly delayMs?: number;
  readonly afterProcessing?: boolean;
}

export class Faults {
  private rules: { rule: FaultRule; left: number }[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The rule for this call, if any, counted as used. */
  take(method: string, path: string): FaultRule | undefined {
    const entry = this.rules.find(
      ({ rule, left }) => left > 0 && path.startsWith(rule.path) && (rule.method === undefined || rule.method === method),
    );
    if (entry === undefined) return undefined;
    entry.left -= 1;
    this.rules = this.rules.filter(({ left }) => left > 0);
    return entry.rule;
  }
}
