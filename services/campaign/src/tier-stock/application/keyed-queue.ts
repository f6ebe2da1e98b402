/**
 * Runs work for one key after the work already queued for the same key in this process, and
 * work for other keys alongside. The tier stock queues here before it takes a connection: the
 * decisions on one tier are serial anyway (its stream lock, ADR 0007), and a rush on one tier
 * then holds one pooled connection per replica instead of all of them, each waiting on the lock
 * while other requests wait for a connection.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(() => work());
    // The next in line waits for this one to settle, whatever its outcome.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running: for tests. */
  get size(): number {
    return this.tails.size;
  }
}
