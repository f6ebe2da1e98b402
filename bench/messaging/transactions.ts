/**
 * Watches the transactions run on a pool's connections (BEGIN … COMMIT / ROLLBACK) without
 * touching the code that runs them: each connection's `query` is wrapped once, when the pool
 * hands it out. It tells when a transaction really committed (the consumer's effects count from
 * there, not from the handler) and how many round trips and how long each one took.
 */
import type { Pool, PoolClient } from 'pg';
import { now } from './contract';

export interface TransactionEnd {
  readonly client: PoolClient;
  readonly committed: boolean;
  readonly beganAt: number;
  readonly endedAt: number;
  /** Statements sent inside the transaction, BEGIN and COMMIT included: its round trips. */
  readonly statements: number;
}

export interface TransactionTotals {
  transactions: number;
  statements: number;
  busyMs: number;
}

export const emptyTotals = (): TransactionTotals => ({ transactions: 0, statements: 0, busyMs: 0 });

type Query = (...args: unknown[]) => unknown;

export function watchTransactions(pool: Pool, onEnd: (end: TransactionEnd) => void): void {
  const watched = new WeakSet<PoolClient>();
  pool.on('acquire', (client: PoolClient) => {
    if (watched.has(client)) return;
    watched.add(client);
    const target = client as unknown as { query: Query };
    const original = target.query.bind(client) as Query;
    let open: { beganAt: number; statements: number } | undefined;
    target.query = (...args: unknown[]) => {
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: unknown } | null)?.text;
      if (text === 'BEGIN') open = { beganAt: now(), statements: 0 };
      if (open) open.statements++;
      const result = original(...args);
      if ((text === 'COMMIT' || text === 'ROLLBACK') && open && isPromise(result)) {
        const tx = open;
        open = undefined;
        const end = (committed: boolean) =>
          onEnd({ client, committed, beganAt: tx.beganAt, endedAt: now(), statements: tx.statements });
        return result.then(
          (value) => (end(text === 'COMMIT'), value),
          (error: unknown) => {
            end(false);
            throw error;
          },
        );
      }
      return result;
    };
  });
}

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
