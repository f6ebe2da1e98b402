/** The bench's handle on its child process, the consuming service (consumer-service.ts). */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { now } from './contract';
import type { Command, Reply, Request } from './protocol';

export class ConsumerProcess {
  /** Latest counters the child reported (every 20 ms). */
  effects = 0;
  baselineAcks = 0;
  readonly errors: string[] = [];
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (body: unknown) => void; reject: (error: Error) => void }>();
  private exited = false;
  private progressWaiters: Array<() => void> = [];

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: Reply) => this.receive(reply));
    child.once('exit', (code, signal) => {
      this.exited = true;
      for (const resolve of this.progressWaiters.splice(0)) resolve();
      for (const { reject } of this.waiting.values())
        reject(new Error(`consumer process exited (code ${code}, signal ${signal})`));
      this.waiting.clear();
    });
  }

  static start(): ConsumerProcess {
    const child = fork(join(__dirname, 'consumer-service.ts'), [], {
      // The parent's flags (`-r @swc-node/register`, and any preload a diagnosis adds).
      execArgv: process.execArgv.some((arg) => arg.includes('@swc-node/register'))
        ? process.execArgv
        : ['-r', '@swc-node/register'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new ConsumerProcess(child);
  }

  request<T = void>(command: Command): Promise<T> {
    if (this.exited) return Promise.reject(new Error('consumer process is gone'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (body: unknown) => void, reject });
      this.child.send({ ...command, id } satisfies Request);
    });
  }

  /**
   * The child's clock minus ours, from the exchange with the shortest round trip: both read
   * the same system clock, so this is the residue of how each process anchors `performance`.
   */
  async clockOffsetMs(samples = 20): Promise<{ offsetMs: number; roundTripMs: number }> {
    let best = { offsetMs: 0, roundTripMs: Number.POSITIVE_INFINITY };
    for (let i = 0; i < samples; i++) {
      const sent = now();
      const theirs = await this.request<number>({ kind: 'clock' });
      const back = now();
      if (back - sent < best.roundTripMs) best = { offsetMs: theirs - (sent + back) / 2, roundTripMs: back - sent };
    }
    return best;
  }

  /** Resolves at the child's next progress report (at most 20 ms away while it runs). */
  nextProgress(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => this.progressWaiters.push(resolve));
  }

  /** Waits until the child's counter reaches `target`; false on timeout. */
  async until(counter: () => number, target: number, timeoutMs: number): Promise<boolean> {
    const deadline = now() + timeoutMs;
    while (counter() < target) {
      if (now() > deadline || this.exited) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return true;
  }

  async shutdown(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.request({ kind: 'shutdown' }).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private receive(reply: Reply): void {
    switch (reply.kind) {
      case 'progress': {
        this.effects = reply.effects;
        this.baselineAcks = reply.baselineAcks;
        const waiters = this.progressWaiters;
        this.progressWaiters = [];
        for (const resolve of waiters) resolve();
        return;
      }
      case 'error':
        if (this.errors.length < 20) this.errors.push(reply.error);
        return;
      case 'reply':
      case 'failed': {
        const waiter = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if (reply.kind === 'reply') waiter?.resolve(reply.body);
        else waiter?.reject(new Error(`consumer process: ${reply.error}`));
        return;
      }
    }
  }
}
