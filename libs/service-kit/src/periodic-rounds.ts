/**
 * A worker's clock: runs `round` at start, then `intervalMs` after each round ends (never two at
 * once), reports a failed round to `onError` and carries on. `stop` lets the round in flight
 * finish, so its transaction commits or rolls back before the pool closes.
 */
export class PeriodicRounds {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private running = false;

  constructor(
    private readonly round: () => Promise<void>,
    private readonly options: { readonly intervalMs: number; readonly onError: (error: unknown) => void },
  ) {}

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.current = this.round()
        .catch(this.options.onError)
        .finally(() => this.schedule(this.options.intervalMs));
    }, delayMs);
  }
}
