import { Logger } from '@nestjs/common';
import { reasonOf } from '@elan/messaging';

/** Something that runs beside the request handlers until stopped: a subscription, a consumer, a scheduler. */
export interface Worker {
  readonly name: string;
  start(): Promise<void> | void;
  stop(): Promise<void>;
}

/**
 * What a service started, stopped in the reverse order of its start: what depends on a part
 * stops before it. Every step runs even when one fails, and the whole runs once however often
 * it is asked (a signal during a failed start-up, a second SIGTERM).
 */
export class StopStack {
  private readonly steps: { readonly name: string; readonly stop: () => Promise<void> }[] = [];
  private stopped: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  push(name: string, stop: () => Promise<void>): void {
    if (this.stopped) throw new Error(`cannot start ${name}: the service is stopping`);
    this.steps.push({ name, stop });
  }

  /** Starts a worker, to be stopped (waiting for its batch or command in flight) in its turn. */
  async start(worker: Worker): Promise<void> {
    await worker.start();
    this.push(worker.name, () => worker.stop());
  }

  /** Whether stopping began: a process stopped during its start-up starts nothing more. */
  get stopping(): boolean {
    return this.stopped !== undefined;
  }

  /** Resolves once every step ran; rejects naming the steps that failed. */
  stop(): Promise<void> {
    return (this.stopped ??= (async () => {
      const failed: string[] = [];
      for (const step of [...this.steps].reverse()) {
        try {
          await step.stop();
          this.logger.log(`stopped ${step.name}`);
        } catch (error) {
          failed.push(`${step.name}: ${reasonOf(error)}`);
          this.logger.error(`could not stop ${step.name}: ${reasonOf(error)}`);
        }
      }
      if (failed.length > 0) throw new Error(`the service did not stop cleanly (${failed.join('; ')})`);
    })());
  }
}
