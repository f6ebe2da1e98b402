import { PostgresEventStore, runMigrations } from '@elan/event-store';
import { openTestStore, waitUntil, type TestStore } from '@elan/testing';
import {
  CheckpointIssuer,
  CheckpointLog,
  checkExtends,
  generateCheckpointKeys,
  historyOf,
  loadSigningKey,
  transparencyMigrations,
  verifyCheckpoint,
  type SignedCheckpoint,
} from '../src';

const step = (n: number) => ({ type: 'PledgeStep', data: { n } });

describe('a service’s checkpoint log, on PostgreSQL', () => {
  let ctx: TestStore<PostgresEventStore>;
  const keys = generateCheckpointKeys();
  const signer = loadSigningKey(keys.privateKeyPem);
  let clock = new Date('2020-06-01T10:00:00.000Z');
  const logOf = (now: () => Date = () => clock) =>
    new CheckpointLog({ pool: ctx.pool, schema: ctx.schema, log: 'elan/pledge', prefixes: ['pledge-'], signer, now });

  beforeAll(async () => {
    ctx = await openTestStore((pool, schema) => PostgresEventStore.open(pool, { schema }), { prefix: 'transp_log' });
    await runMigrations(ctx.pool, ctx.schema, [transparencyMigrations]);
    await ctx.store.append('pledge-a', [step(1), step(2)], 'no_stream');
    await ctx.store.append('tip-a', [step(1)], 'no_stream');
  });
  afterAll(() => ctx.dispose());

  it('issues signed checkpoints of its prefixes’ heads, counting from 1', async () => {
    const log = logOf();
    expect(await log.latest()).toBeUndefined();
    const first = await log.issue();
    expect(verifyCheckpoint(first, keys.publicKeyPem)).toBe(true);
    expect(first.checkpoint).toMatchObject({ log: 'elan/pledge', sequence: 1, issuedAt: '2020-06-01T10:00:00.000Z' });
    expect(first.checkpoint.heads.map((head) => [head.streamId, head.position])).toEqual([['pledge-a', 2]]);
    expect(await log.latest()).toEqual(first);
  });

  it('lists them oldest first after a sequence, each still verifying as read back', async () => {
    const log = logOf();
    await ctx.store.append('pledge-b', [step(1)], 'no_stream');
    clock = new Date('2020-06-01T11:00:00.000Z');
    const second = await log.issue();
    expect(second.checkpoint.sequence).toBe(2);
    expect(second.checkpoint.heads.map((head) => head.streamId)).toEqual(['pledge-a', 'pledge-b']);

    const all = await log.list({ limit: 10 });
    expect(all.map((signed) => signed.checkpoint.sequence)).toEqual([1, 2]);
    expect(all.every((signed) => verifyCheckpoint(signed, keys.publicKeyPem))).toBe(true);
    expect((await log.list({ after: 1, limit: 10 })).map((s) => s.checkpoint.sequence)).toEqual([2]);
    expect(await log.list({ after: 0, limit: 1 })).toHaveLength(1);
    expect(await log.list({ after: 2, limit: 10 })).toEqual([]);
    expect(checkExtends(all[0]!.checkpoint, historyOf(second.checkpoint.heads))).toEqual([]);
  });

  it('gives concurrent issuers (replicas) distinct sequences, each later than the one before', async () => {
    const before = (await logOf().latest())?.checkpoint.sequence ?? 0;
    // A replica whose clock is behind still issues a later checkpoint.
    const behind = new Date('2020-06-01T09:00:00.000Z');
    const issued = await Promise.all(Array.from({ length: 6 }, (_, i) => logOf(() => (i % 2 ? behind : clock)).issue()));
    expect(issued.map((s) => s.checkpoint.sequence).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6].map((n) => before + n));
    const all = await logOf().list({ limit: 100 });
    for (let i = 1; i < all.length; i++)
      expect(Date.parse(all[i]!.checkpoint.issuedAt)).toBeGreaterThan(Date.parse(all[i - 1]!.checkpoint.issuedAt));
  });

  it('issues when due only: one checkpoint per interval however many replicas ask', async () => {
    const latest = (await logOf().latest()) as SignedCheckpoint;
    clock = new Date(Date.parse(latest.checkpoint.issuedAt) + 30_000);
    expect(await logOf().issueIfDue(60_000)).toBeUndefined();
    clock = new Date(Date.parse(latest.checkpoint.issuedAt) + 60_000);
    const answers = await Promise.all(Array.from({ length: 4 }, () => logOf().issueIfDue(60_000)));
    expect(answers.filter(Boolean).map((s) => s?.checkpoint.sequence)).toEqual([latest.checkpoint.sequence + 1]);
  });

  it('issues at once after a key rotation, whatever the latest checkpoint’s age, then when due again', async () => {
    const latest = (await logOf().latest()) as SignedCheckpoint;
    clock = new Date(Date.parse(latest.checkpoint.issuedAt) + 1_000);
    const rotated = generateCheckpointKeys();
    const withNewKey = new CheckpointLog({
      pool: ctx.pool,
      schema: ctx.schema,
      log: 'elan/pledge',
      prefixes: ['pledge-'],
      signer: loadSigningKey(rotated.privateKeyPem),
      now: () => clock,
    });
    const issued = (await withNewKey.issueIfDue(60_000)) as SignedCheckpoint;
    expect(issued.checkpoint.sequence).toBe(latest.checkpoint.sequence + 1);
    expect(verifyCheckpoint(issued, rotated.publicKeyPem)).toBe(true);
    expect(await withNewKey.issueIfDue(60_000)).toBeUndefined();
    // Back to the first key: its latest is the rotated key's, so it is due at once too.
    expect((await logOf().issueIfDue(60_000))?.checkpoint.sequence).toBe(latest.checkpoint.sequence + 2);
  });

  it('has an issuer that issues at start when the latest is old, then every interval, and at once on demand', async () => {
    const log = logOf(() => new Date());
    const issued: SignedCheckpoint[] = [];
    const errors: unknown[] = [];
    const issuer = new CheckpointIssuer({
      log,
      intervalMs: 300,
      onIssued: (signed) => issued.push(signed),
      onError: (error) => errors.push(error),
    });
    const start = (await log.latest())?.checkpoint.sequence ?? 0;
    issuer.start();
    try {
      await waitUntil(() => issued.length >= 3, { timeoutMs: 10_000, description: 'three checkpoints issued by the timer' });
      await ctx.store.append('pledge-c', [step(1)], 'no_stream');
      const now = await issuer.issueNow();
      expect(now.checkpoint.heads.map((head) => head.streamId)).toContain('pledge-c');
    } finally {
      await issuer.stop();
    }
    const sequences = issued.map((s) => s.checkpoint.sequence);
    expect(sequences.slice(0, 3)).toEqual([start + 1, start + 2, start + 3]);
    expect(errors).toEqual([]);
    // Stopped: no more checkpoints.
    const after = (await log.latest())?.checkpoint.sequence;
    expect(after).toBe(sequences[sequences.length - 1]);
  });
});
