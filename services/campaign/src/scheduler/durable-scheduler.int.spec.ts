import type { Pool } from 'pg';
import { manualClock, openTestSchema, waitUntil, type TestSchema } from '@elan/testing';
import { DurableScheduler, type ScheduledHandler } from './durable-scheduler';
import { runMigrations } from '@elan/event-store';
import { scheduleMigrations, schedule, type ScheduledKind } from './scheduled-commands';

describe('the durable scheduler (real PostgreSQL, manual clock)', () => {
  /** The schedulers' time, and the time a run records: moved by the tests only. */
  const clock = manualClock(new Date('2026-12-01T10:00:00.000Z'));
  let pool: Pool;
  let schema: string;
  let database: TestSchema;
  const schedulers: DurableScheduler[] = [];

  const record: ScheduledHandler = async (command, client) => {
    await client.query(`INSERT INTO ${schema}.runs (subject_id, due_at, ran_at) VALUES ($1, $2, $3)`, [
      command.subjectId,
      command.dueAt,
      clock.now(),
    ]);
  };
  const startScheduler = (handlers: Partial<Record<ScheduledKind, ScheduledHandler>> = { close: record }): DurableScheduler => {
    const scheduler = new DurableScheduler({ pool, schema, clock, handlers, maxIdleMs: 200 });
    schedulers.push(scheduler);
    scheduler.start();
    return scheduler;
  };
  const scheduleAt = async (subjectId: string, dueAt: Date, kind: ScheduledKind = 'close'): Promise<void> => {
    const client = await pool.connect();
    try {
      await schedule(client, schema, kind, subjectId, dueAt);
    } finally {
      client.release();
    }
  };
  const runs = async (): Promise<Array<{ subject_id: string; due_at: Date; ran_at: Date }>> =>
    (await pool.query(`SELECT subject_id, due_at, ran_at FROM ${schema}.runs ORDER BY ran_at`)).rows;

  beforeEach(async () => {
    database = await openTestSchema({ prefix: 'sched' });
    ({ pool, schema } = database);
    await runMigrations(pool, schema, [scheduleMigrations]);
    await pool.query(
      `CREATE TABLE ${schema}.runs (subject_id text NOT NULL, due_at timestamptz NOT NULL, ran_at timestamptz NOT NULL)`,
    );
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    await database.dispose();
  });

  it('runs a command at its time, not before', async () => {
    const scheduler = startScheduler();
    const dueAt = new Date(clock.now().getTime() + 1_500);
    await scheduleAt('campaign-a', dueAt);
    // A control due 1 ms earlier: once it has run, the scheduler has looked at the clock 1 ms
    // before campaign-a's time, and must have left campaign-a alone.
    await scheduleAt('campaign-control', new Date(dueAt.getTime() - 1));
    clock.advance(1_499);
    scheduler.nudge();
    await waitUntil(async () => (await runs()).length === 1, { timeoutMs: 5_000, description: 'the control ran' });
    expect((await runs()).map((run) => run.subject_id)).toEqual(['campaign-control']);

    clock.advance(1);
    scheduler.nudge();
    await waitUntil(async () => (await runs()).length === 2, { timeoutMs: 5_000, description: 'the command ran' });
    const run = (await runs()).find((r) => r.subject_id === 'campaign-a');
    expect(run?.ran_at).toEqual(dueAt);
  });

  it('runs at start-up a deadline that passed while it was down', async () => {
    await scheduleAt('campaign-b', new Date(clock.now().getTime() - 60_000));
    startScheduler();
    await waitUntil(async () => (await runs()).length === 1, { timeoutMs: 3_000, description: 'the overdue command ran' });
  });

  it('runs each command once even with three replicas', async () => {
    const now = clock.now().getTime();
    for (let i = 0; i < 60; i++) await scheduleAt(`campaign-${i}`, new Date(now + (i % 3) * 100));
    clock.advance(200);
    startScheduler();
    startScheduler();
    startScheduler();
    await waitUntil(
      async () =>
        (await pool.query(`SELECT count(*) AS n FROM ${schema}.scheduled_commands WHERE status = 'done'`)).rows[0].n === '60',
      {
        timeoutMs: 10_000,
        description: 'every command done',
      },
    );
    const ran = await runs();
    expect(ran).toHaveLength(60);
    expect(new Set(ran.map((r) => r.subject_id)).size).toBe(60);
  });

  it('keeps a failing command for later without holding up the others', async () => {
    const errors: unknown[] = [];
    const scheduler = new DurableScheduler({
      pool,
      schema,
      clock,
      maxIdleMs: 200,
      onError: (error) => errors.push(error),
      handlers: {
        close: async (command, client) => {
          if (command.subjectId === 'campaign-broken') throw new Error('the campaign service refused');
          await record(command, client);
        },
      },
    });
    schedulers.push(scheduler);
    await scheduleAt('campaign-broken', new Date(clock.now().getTime() - 1_000));
    await scheduleAt('campaign-fine', new Date(clock.now().getTime() - 500));
    scheduler.start();
    await waitUntil(async () => (await runs()).length === 1, { timeoutMs: 3_000, description: 'the healthy command ran' });
    const broken = await pool.query(
      `SELECT status, attempts, last_error, due_at FROM ${schema}.scheduled_commands WHERE subject_id = 'campaign-broken'`,
    );
    expect(broken.rows[0]).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: the campaign service refused' });
    expect(broken.rows[0].due_at.getTime()).toBeGreaterThan(clock.now().getTime());
    expect(errors).toHaveLength(1);
  });

  it('runs a command when the service’s clock reaches its time, whatever the database’s clock says', async () => {
    // The reason the scheduler is ours (ADR 0016): pg-boss and graphile-worker compare with
    // the database's now(), so a deadline a month away could not be reached by a test's clock.
    const clock = manualClock(new Date());
    const scheduler = new DurableScheduler({ pool, schema, clock, handlers: { close: record }, maxIdleMs: 50 });
    schedulers.push(scheduler);
    const aMonth = 30 * 24 * 3_600_000;
    await scheduleAt('campaign-due', clock.now());
    await scheduleAt('campaign-next-month', new Date(clock.now().getTime() + aMonth));
    scheduler.start();
    await waitUntil(async () => (await runs()).length === 1, { timeoutMs: 3_000, description: 'the due command ran' });
    expect((await runs()).map((run) => run.subject_id)).toEqual(['campaign-due']);

    clock.advance(aMonth);
    scheduler.nudge();
    await waitUntil(async () => (await runs()).length === 2, { timeoutMs: 3_000, description: 'the command a month away ran' });
    expect((await runs()).map((run) => run.subject_id)).toEqual(['campaign-due', 'campaign-next-month']);
  });
});
