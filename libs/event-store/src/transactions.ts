import type { Pool, PoolClient } from 'pg';

/** How the transaction sees the others' writes, and whether it may write. */
export interface TransactionOptions {
  /**
   * `read committed` (PostgreSQL's default) lets each statement see what committed before it;
   * `repeatable read` gives every statement the one snapshot taken at the first, so several reads
   * agree with each other.
   */
  readonly isolation?: 'read committed' | 'repeatable read';
  /** Refuses every write: the transaction is a consistent read and nothing more. */
  readonly readOnly?: boolean;
}

const beginStatement = ({ isolation, readOnly }: TransactionOptions): string =>
  ['BEGIN', isolation && `ISOLATION LEVEL ${isolation.toUpperCase()}`, readOnly && 'READ ONLY'].filter(Boolean).join(' ');

/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
export const inTransaction = async <T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> => {
  const client = await pool.connect();
  try {
    await client.query(beginStatement(options));
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
