import { eur } from '@elan/domain-kernel';
import { inTransaction } from '@elan/event-store';
import { openTestSchema, type TestSchema } from '@elan/testing';
import { migratePayoutSchema } from '../app/payout.migrations';
import { ReconciliationRecord } from './reconciliation-record';
import type { Mismatch, ReconciliationOutcome } from './reconciliation.types';

const mismatch = (key: string, actual = 100): Mismatch => ({
  kind: 'payment_amount',
  key,
  campaignId: null,
  paymentIntentId: key.split(':')[1] ?? null,
  streams: ['pledge-x'],
  stripeObjects: [key.split(':')[1] ?? 'pi'],
  expected: eur(200),
  actual: eur(actual),
  detail: `${key} received ${actual}`,
});
const outcome = (mismatches: Mismatch[]): ReconciliationOutcome => ({
  ok: mismatches.length === 0,
  checked: {
    campaigns: 1,
    pledges: 2,
    tips: 1,
    payments: 2,
    refunds: 0,
    transfers: 1,
    balanceTransactions: 3,
    statements: 1,
    eventsVerified: 10,
  },
  totals: [],
  campaigns: [],
  mismatches,
});
const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 0, minute));

/** The run record on PostgreSQL (payout/0002-reconciliation): a mismatch stays open from first seen until a run no longer finds it. */
describe('the reconciliation record', () => {
  let db: TestSchema;
  let record: ReconciliationRecord;

  beforeAll(async () => {
    db = await openTestSchema({ prefix: 'recon' });
    await migratePayoutSchema(db.pool, db.schema);
    record = new ReconciliationRecord(db.schema);
  });
  afterAll(() => db?.dispose());

  const save = (minute: number, mismatches: Mismatch[]) =>
    inTransaction(db.pool, (client) => record.save(client, at(minute), at(minute), outcome(mismatches)));

  it('has no run before the first', async () => {
    await expect(record.latest(db.pool)).resolves.toEqual({ run: null, mismatches: [] });
  });

  it('keeps a mismatch open across runs, resolves it when a run no longer finds it, and opens it anew if it comes back', async () => {
    await save(1, [mismatch('payment_amount:pi_a'), mismatch('payment_amount:pi_b')]);
    const first = await record.latest(db.pool);
    expect(first.run).toMatchObject({ ok: false, finishedAt: at(1).toISOString(), checked: { payments: 2 } });
    expect(first.mismatches.map((m) => m.key)).toEqual(['payment_amount:pi_a', 'payment_amount:pi_b']);

    await save(2, [mismatch('payment_amount:pi_b', 150), mismatch('payment_amount:pi_c')]);
    const second = await record.latest(db.pool);
    expect(second.mismatches.map((m) => [m.key, m.firstSeenAt, m.lastSeenAt, m.actual?.amount])).toEqual([
      ['payment_amount:pi_b', at(1).toISOString(), at(2).toISOString(), 150],
      ['payment_amount:pi_c', at(2).toISOString(), at(2).toISOString(), 100],
    ]);
    const b = second.mismatches.find((m) => m.key === 'payment_amount:pi_b');
    expect(b?.mismatchId).toBe(first.mismatches.find((m) => m.key === 'payment_amount:pi_b')?.mismatchId);

    await save(3, [mismatch('payment_amount:pi_a')]);
    const third = await record.latest(db.pool);
    expect(third.mismatches).toHaveLength(1);
    expect(third.mismatches[0]).toMatchObject({ key: 'payment_amount:pi_a', firstSeenAt: at(3).toISOString() });
    expect(third.mismatches[0]?.mismatchId).not.toBe(first.mismatches[0]?.mismatchId);
    const { rows } = await db.pool.query<{ key: string; resolved_at: Date | null }>(
      `SELECT key, resolved_at FROM ${db.schema}.reconciliation_mismatches ORDER BY first_seen_at, key`,
    );
    expect(rows.map((r) => [r.key, r.resolved_at?.toISOString() ?? null])).toEqual([
      ['payment_amount:pi_a', at(2).toISOString()],
      ['payment_amount:pi_b', at(3).toISOString()],
      ['payment_amount:pi_c', at(3).toISOString()],
      ['payment_amount:pi_a', null],
    ]);

    await save(4, []);
    await expect(record.latest(db.pool)).resolves.toMatchObject({ run: { ok: true }, mismatches: [] });
  });
});
