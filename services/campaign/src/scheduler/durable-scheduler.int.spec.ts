import type { Pool } from 'pg';
import { systemClock } from '@elan/domain-kernel';
import { openTestSchema, waitUntil, type TestSchema } from '@elan/testing';
import { DurableScheduler, type ScheduledHandler } from './durable-scheduler';
import { ensureScheduleTable, schedule } from './scheduled-commands';

describe('the durable scheduler (real PostgreSQL)', () => {
  let pool: Pool;
  let schema: string;
  let database: TestSchema;
  const schedulers: DurableScheduler[] = [];

  const record: ScheduledHandler = async (command, client) => {
    await client.query(`INSERT INTO ${schema}.runs (subject_id, due_at, ran_at) VALUES ($1, $2, clock_timestamp())`, [
      command.subjectId,
      command.dueAt,
    ]);
  };
  const startScheduler = (handlers: Record<string, ScheduledHandler> = { close: record }): DurableScheduler => {
    const scheduler = new DurableScheduler({ pool, schema, clock: systemClock, handlers, maxIdleMs: 200 });
    schedulers.push(scheduler);
    scheduler.start();
    return scheduler;
  };
  const scheduleAt = async (subjectId: string, dueAt: Date, kind = 'close'): Promise<void> => {
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
    await ensureScheduleTable(pool, schema);
    await pool.query(`CREATE TABLE ${schema}.runs (subject_id text NOT NULL, due_at timestamptz NOT NULL, ran_at timestamptz NOT NULL)`);
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    await database.dispose();
  });

  it('runs a command within one second of its time, not before', async () => {
    startScheduler();
    const dueAt = new Date(Date.now() + 1_500);
    await scheduleAt('campaign-a', dueAt);
    await waitUntil(async () => (await runs()).length === 1, { timeoutMs: 5_000, description: 'the command ran' });
    const [run] = await runs();
    const lateBy = (run?.ran_at.getTime() ?? 0) - dueAt.getTime();
    expect(lateBy).toBeGreaterThanOrEqual(0);
    expect(lateBy).toBeLessThan(1_000);
  });

  it('runs at start-up a deadline that passed while it was down', async () => {
    await scheduleAt('campaign-b', new Date(Date.now() - 60_000));
    startScheduler();
    await waitUntil(async () => (await runs()).length === 1, { timeoutMs: 3_000, description: 'the overdue command ran' });
  });

  it('runs each command once even with three replicas', async () => {
    const now = Date.now();
    for (let i = 0; i < 60; i++) await scheduleAt(`campaign-${i}`, new Date(now + (i % 3) * 100));
    startScheduler();
    startScheduler();
    startScheduler();
    await waitUntil(async () => (await pool.query(`SELECT count(*) AS n FROM ${schema}.scheduled_commands WHERE status = 'done'`)).rows[0].n === '60', {
      timeoutMs: 10_000,
      description: 'every command done',
    });
    const ran = await runs();
    expect(ran).toHaveLength(60);
    expect(new Set(ran.map((r) => r.subject_id)).size).toBe(60);
  });

  it('keeps a failing command for later without holding up the others', async () => {
    const errors: unknown[] = [];
    const scheduler = new DurableScheduler({
      pool,
      schema,
      clock: systemClock,
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
    await scheduleAt('campaign-broken', new Date(Date.now() - 1_000));
    await scheduleAt('campaign-fine', new Date(Date.now() - 500));
    scheduler.start();
    await waitUntil(async () => (await runs()).length === 1, { timeoutMs: 3_000, description: 'the healthy command ran' });
    const broken = await pool.query(`SELECT status, attempts, last_error, due_at FROM ${schema}.scheduled_commands WHERE subject_id = 'campaign-broken'`);
    expect(broken.rows[0]).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: the campaign service refused' });
    expect(broken.rows[0].due_at.getTime()).toBeGreaterThan(Date.now());
    expect(errors).toHaveLength(1);
  });
});
