import { KeyedQueue } from './keyed-queue';

/** A promise the test settles by hand. */
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

describe('a queue per key', () => {
  it('runs work of one key one after the other, and of other keys alongside', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const first = gate();
    const a1 = queue.run('a', async () => {
      log.push('a1 starts');
      await first.opened;
      log.push('a1 ends');
    });
    const a2 = queue.run('a', async () => {
      log.push('a2 starts');
    });
    await queue.run('b', async () => {
      log.push('b runs');
    });
    expect(log).toEqual(['a1 starts', 'b runs']);
    first.open();
    await Promise.all([a1, a2]);
    expect(log).toEqual(['a1 starts', 'b runs', 'a1 ends', 'a2 starts']);
  });

  it('goes on after a failure, which reaches only its own caller', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('a', async () => {
      throw new Error('no');
    });
    const next = queue.run('a', async () => 42);
    await expect(failed).rejects.toThrow('no');
    await expect(next).resolves.toBe(42);
  });

  it('forgets a key once its work is done', async () => {
    const queue = new KeyedQueue();
    await queue.run('a', async () => undefined);
    await Promise.resolve();
    expect(queue.size).toBe(0);
  });
});
