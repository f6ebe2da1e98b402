import type { SignedCheckpoint } from './checkpoint';
import type { CheckpointLog } from './checkpoint-log';

/** Checkpoints are issued every hour unless TRANSPARENCY_INTERVAL_MS says otherwise. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 3_600_000;

export interface CheckpointIssuerOptions {
  readonly log: CheckpointLog;
  readonly intervalMs?: number;
  /** After a failed attempt (the database away), the next one comes this much later (5 s or the interval, the shorter). */
  readonly retryAfterMs?: number;
  readonly now?: () => Date;
  readonly onIssued?: (checkpoint: SignedCheckpoint) => void;
  readonly onError?: (error: unknown) => void;
}

/**
 * How long until the next checkpoint is due: none yet or the latest older than the interval, now
 * (0); else when the latest turns `intervalMs` old — never more than an interval, even when the
 * latest was issued by a replica whose clock runs ahead.
 */
export const msUntilDue = (latestIssuedAt: string | undefined, now: Date, intervalMs: number): number =>
  latestIssuedAt === undefined ? 0 : Math.min(intervalMs, Math.max(0, Date.parse(latestIssuedAt) + intervalMs - now.getTime()));

/**
 * The worker that keeps a log's checkpoints coming: at start when the latest is older than the
 * interval (or there is none), then whenever the latest turns `intervalMs` old. Every replica
 * runs one; the log's lock and `issueIfDue` make one of them issue per interval. `issueNow`
 * issues at once, whatever the time (on a payout).
 */
export class CheckpointIssuer {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> | undefined;
  private readonly intervalMs: number;
  private readonly retryAfterMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: CheckpointIssuerOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
    if (!Number.isInteger(this.intervalMs) || this.intervalMs < 1)
      throw new RangeError('the checkpoint interval must be a positive integer of ms');
    this.retryAfterMs = options.retryAfterMs ?? Math.min(5_000, this.intervalMs);
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.tick;
  }

  /** Signs and stores a checkpoint of the heads as they are now. */
  async issueNow(): Promise<SignedCheckpoint> {
    const issued = await this.options.log.issue();
    this.options.onIssued?.(issued);
    if (this.running) this.schedule(this.intervalMs);
    return issued;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.tick = this.run();
    }, ms);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    if (!this.running) return;
    let next = this.retryAfterMs;
    try {
      const issued = await this.options.log.issueIfDue(this.intervalMs);
      if (issued) this.options.onIssued?.(issued);
      const latest = issued ?? (await this.options.log.latest());
      next = msUntilDue(latest?.checkpoint.issuedAt, this.now(), this.intervalMs);
    } catch (error) {
      this.options.onError?.(error);
    }
    // A checkpoint issued by another replica moves the due time on; a zero wait is the next tick.
    if (this.running) this.schedule(Math.max(next, 1));
  }
}
