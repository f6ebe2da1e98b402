import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
// Issue #11's test plays whoever runs the database: it rewrites a stream with the store's own
// chain expression and asks the store's own verify, as libs/transparency/test/fork.int.spec.ts does.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { PostgresEventStore, storedLinkHash } from '@elan/event-store';
import { expectProblem, waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import { run } from './support/child-process';
import { confirmWithCard, liveCampaign, pledgeBody, pledgeOn, pledgeOnceIn, stripeBooks } from './support/pledges';
import { eur } from './support/campaigns';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';

interface Head {
  streamId: string;
  position: number;
  hash: string;
}
interface Signed {
  checkpoint: { log: string; sequence: number; issuedAt: string; heads: Head[] };
  keyId: string;
  signature: string;
}
interface Report {
  ok: boolean;
  keyId: string;
  logs: { log: string; sequence: number; streams: number; keptSequence?: number; streamsChecked?: number }[];
  facts: { fact: string; included: boolean }[];
  findings: { log: string; kind: string; streamId?: string; position?: number; description: string }[];
  saved: boolean;
}

/**
 * Issue #11, deliverable 4, with every process real: the pledge, tipping and payout services sign
 * checkpoints of their money streams (every 500 ms here), the gateway serves them, and
 * `npm run verify-ledger` — run as anyone would, against the gateway's URL — finds the history
 * extending what it kept while pledges come in, then reports the one pledge stream that was
 * rewritten in the database with every hash recomputed, which the store's own verify cannot see.
 */
describe('signed checkpoints of the money streams, checked by npm run verify-ledger', () => {
  let stack: Stack;
  let api: Api;
  let backer: Account;
  let campaignId: string;
  let workDir: string;
  let keptFile: string;
  let pool: Pool;
  const pledgeIds: string[] = [];
  let expectedAtStripe = 0;

  beforeAll(async () => {
    let holder: Account;
    let moderator: Account;
    ({
      stack,
      api,
      accounts: { holder, backer, moderator },
    } = await startStack(
      'transparency',
      { members: ['holder', 'backer'], moderators: ['moderator'] },
      { payments: true, env: { TRANSPARENCY_INTERVAL_MS: '500' } },
    ));
    ({ campaignId } = await liveCampaign(api, holder, moderator, { fundingModel: 'keep_it_all', lastsMs: 10 * 60_000 }));
    workDir = await mkdtemp(join(tmpdir(), 'elan-e2e-verify-ledger-'));
    keptFile = join(workDir, 'kept.json');
    pool = new Pool({ connectionString: stack.environment.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    if (workDir) await rm(workDir, { recursive: true, force: true });
    await stack?.stop();
  });

  const pledgeSchema = () => stack.environment.PLEDGE_SCHEMA as string;

  /** Pledges paid with a card and committed; each with a tip, so its tip stream exists too. */
  const committedPledges = async (amounts: readonly number[]): Promise<void> => {
    for (const amount of amounts) {
      const placed = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(amount), tip: eur(amount / 10) }), backer);
      expect(await confirmWithCard(stack.payments, placed)).toBe('succeeded');
      await pledgeOnceIn(api, placed.pledge.pledgeId, backer, 'committed');
      pledgeIds.push(placed.pledge.pledgeId);
      expectedAtStripe += amount + amount / 10;
    }
  };

  /** The heads of the money streams as the pledge and tipping schemas hold them now. */
  const headsInDatabase = async (schema: string, prefix: string): Promise<Map<string, number>> => {
    const { rows } = await pool.query<{ stream_id: string; head: string }>(
      `SELECT stream_id, max(stream_position) AS head FROM ${schema}.events WHERE stream_id LIKE $1 GROUP BY stream_id`,
      [`${prefix}%`],
    );
    return new Map(rows.map((row) => [row.stream_id, Number(row.head)]));
  };

  /** Waits for the campaign's payout ledger to hold every pledge charged (the payout service's consumers follow the pledges). */
  const payoutLedgerCaughtUp = () =>
    waitUntil(
      async () => {
        const { rows } = await pool.query<{ charges: string }>(
          `SELECT count(*) AS charges FROM ${stack.environment.PAYOUT_SCHEMA as string}.events
           WHERE stream_id = $1 AND type = 'PledgeChargeRecorded'`,
          [`payoutledger-${campaignId}`],
        );
        return Number(rows[0]?.charges) === pledgeIds.length || undefined;
      },
      { timeoutMs: 15_000, intervalMs: 100, description: 'the payout ledger holds every pledge charged' },
    );

  /** Waits for the latest checkpoint of each log to be signed after `since` and cover the streams as they are now. */
  const checkpointsCoveringNow = async (since: number): Promise<Signed[]> => {
    await payoutLedgerCaughtUp();
    const wanted = {
      'elan/pledge': await headsInDatabase(pledgeSchema(), 'pledge-'),
      'elan/tipping': await headsInDatabase(stack.environment.TIPPING_SCHEMA as string, 'tip-'),
      'elan/payout': new Map([
        ...(await headsInDatabase(stack.environment.PAYOUT_SCHEMA as string, 'payoutledger-')),
        ...(await headsInDatabase(stack.environment.PAYOUT_SCHEMA as string, 'payout-')),
      ]),
    };
    return waitUntil(
      async () => {
        const { body } = await api.get('/api/transparency/checkpoints').expect(200);
        const latest = body.checkpoints as Signed[];
        const covers = (log: keyof typeof wanted) => {
          const signed = latest.find((candidate) => candidate.checkpoint.log === log);
          if (!signed || Date.parse(signed.checkpoint.issuedAt) <= since) return false;
          const heads = new Map(signed.checkpoint.heads.map((head) => [head.streamId, head.position]));
          return [...wanted[log]].every(([streamId, head]) => (heads.get(streamId) ?? 0) >= head);
        };
        return covers('elan/pledge') && covers('elan/tipping') && covers('elan/payout') ? latest : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 100, description: 'checkpoints of the three logs cover every money stream as it is now' },
    );
  };

  /** `npm run verify-ledger` against the stack's gateway, as anyone would run it. */
  const verifyLedger = async (...args: string[]) => {
    const finished = await run(
      'npm',
      ['run', '--silent', 'verify-ledger', '--', stack.url, '--kept', keptFile, ...args],
      { ...process.env },
      60_000,
    );
    return finished;
  };
  const verifyLedgerJson = async (...args: string[]): Promise<{ code: number | null; report: Report }> => {
    const finished = await verifyLedger('--json', ...args);
    if (finished.stdout.trim() === '')
      throw new Error(`verify-ledger printed nothing (exit ${finished.code}):\n${finished.stderr}`);
    return { code: finished.code, report: JSON.parse(finished.stdout) as Report };
  };

  it('serves the stack’s public key, and signed checkpoints of the three logs', async () => {
    const privateKey = createPrivateKey({
      key: Buffer.from(stack.environment.TRANSPARENCY_SIGNING_KEY as string, 'base64'),
      format: 'der',
      type: 'pkcs8',
    });
    const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    const { body: key } = await api.get('/api/transparency/key').expect(200);
    expect(key).toEqual({
      keyId: createHash('sha256').update(der).digest('hex').slice(0, 16),
      algorithm: 'Ed25519',
      publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    });

    await committedPledges([3_000, 2_000, 4_500]);
    const latest = await checkpointsCoveringNow(0);
    expect(latest.map((signed) => signed.checkpoint.log).sort()).toEqual(['elan/payout', 'elan/pledge', 'elan/tipping']);
    expect(latest.every((signed) => signed.keyId === key.keyId)).toBe(true);
    const pledgeLog = latest.find((signed) => signed.checkpoint.log === 'elan/pledge');
    expect(pledgeLog?.checkpoint.heads.map((head) => head.streamId).sort()).toEqual(pledgeIds.map((id) => `pledge-${id}`).sort());
    // The payout log signs the campaign's payout ledger; its payout accounts are no money streams.
    const payoutLog = latest.find((signed) => signed.checkpoint.log === 'elan/payout');
    expect(payoutLog?.checkpoint.heads.map((head) => head.streamId)).toEqual([`payoutledger-${campaignId}`]);

    const paged = await api.get('/api/transparency/checkpoints?log=pledge&after=0&limit=2').expect(200);
    expect(paged.body.checkpoints.map((signed: Signed) => signed.checkpoint.sequence)).toEqual([1, 2]);
  });

  it('finds the published history good on a first run, and keeps the checkpoints', async () => {
    const { code, report } = await verifyLedgerJson();

    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
    expect(report.logs.map((log) => [log.log, log.streams, log.keptSequence]).sort()).toEqual([
      ['elan/payout', 1, undefined],
      ['elan/pledge', 3, undefined],
      ['elan/tipping', 3, undefined],
    ]);
    const kept = JSON.parse(await readFile(keptFile, 'utf8'));
    expect(Object.keys(kept.checkpoints).sort()).toEqual(['elan/payout', 'elan/pledge', 'elan/tipping']);
  });

  it('checks a receipt’s fact: the stream position and hash of its event are in the latest checkpoint', async () => {
    const streamId = `pledge-${pledgeIds[0]}`;
    const { body } = await api.get(`/api/transparency/streams/${streamId}/links?from=1&limit=100`).expect(200);
    const last = body.links[body.links.length - 1];
    expect(Object.keys(last).sort()).toEqual(['hash', 'occurredAt', 'position', 'type']);

    const good = await verifyLedgerJson('--fact', `${streamId}:${last.position}:${last.hash}`);
    expect(good.report.facts).toEqual([
      { fact: `${streamId}:${last.position}:${last.hash}`, log: 'elan/pledge', sequence: expect.any(Number), included: true },
    ]);
    expect(good.code).toBe(0);

    const forged = await verifyLedgerJson('--fact', `${streamId}:${last.position}:${'0'.repeat(64)}`);
    expect(forged.code).toBe(1);
    expect(forged.report.findings.map((finding) => [finding.kind, finding.streamId])).toEqual([['fact_other_hash', streamId]]);
  });

  it('still finds the history extending what it kept after more pledges and a newer checkpoint', async () => {
    const keptBefore = JSON.parse(await readFile(keptFile, 'utf8'));
    const since = Date.parse(keptBefore.checkpoints['elan/pledge'].checkpoint.issuedAt);
    await committedPledges([1_500, 2_500]);
    await checkpointsCoveringNow(since);

    const { code, report } = await verifyLedgerJson();
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
    const pledgeLog = report.logs.find((log) => log.log === 'elan/pledge');
    expect(pledgeLog).toMatchObject({
      streams: 5,
      streamsChecked: 3,
      keptSequence: keptBefore.checkpoints['elan/pledge'].checkpoint.sequence,
    });
    expect(pledgeLog!.sequence).toBeGreaterThan(pledgeLog!.keptSequence!);
  });

  it('reports exactly the pledge stream rewritten in the database, which the store’s own verify passes', async () => {
    const kept = JSON.parse(await readFile(keptFile, 'utf8'));
    const victim = `pledge-${pledgeIds[1]}`;
    const keptHead = (kept.checkpoints['elan/pledge'] as Signed).checkpoint.heads.find((head) => head.streamId === victim);
    expect(keptHead).toBeDefined();

    const rewrittenAt = Date.now();
    await rewriteStream(pool, pledgeSchema(), victim, 1);
    const store = await PostgresEventStore.open(pool, { schema: pledgeSchema() });
    try {
      expect(await store.verify(victim)).toMatchObject({ ok: true });
      expect(await store.verify()).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
    await checkpointsCoveringNow(rewrittenAt);

    const { code, report } = await verifyLedgerJson();
    expect(report.findings.map(({ log, kind, streamId, position }) => ({ log, kind, streamId, position }))).toEqual([
      { log: 'elan/pledge', kind: 'other_hash', streamId: victim, position: keptHead?.position },
    ]);
    expect(code).toBe(1);
    expect(report.saved).toBe(false);
    expect(JSON.parse(await readFile(keptFile, 'utf8'))).toEqual(kept);

    const plain = await verifyLedger();
    expect(plain.code).toBe(1);
    const findings = plain.stdout.split('\n').filter((line) => line.startsWith('FINDING'));
    expect(findings).toEqual([
      expect.stringContaining(`elan/pledge: ${victim}: position ${keptHead?.position} was ${keptHead?.hash}`),
    ]);
    expect(findings[0]).toContain('(history rewritten)');
  });

  it('answers bad input with problems and documents the routes in OpenAPI', async () => {
    expectProblem(await api.get('/api/transparency/streams/campaign-0195f0a0/links'), 404, 'not_found');
    expectProblem(await api.get('/api/transparency/streams/pledge-/links'), 404, 'not_found');
    expectProblem(await api.get('/api/transparency/streams/payoutaccount-0195f0a0/links'), 404, 'not_found');
    const badLimit = expectProblem(await api.get('/api/transparency/checkpoints?log=pledge&limit=0'), 400, 'validation-failed');
    expect(badLimit).toMatchObject({ errors: [expect.objectContaining({ field: 'limit' })] });
    const noLog = expectProblem(await api.get('/api/transparency/checkpoints?after=3'), 400, 'validation-failed');
    expect(noLog).toMatchObject({ errors: [expect.objectContaining({ field: 'after' })] });
    expectProblem(await api.get('/api/transparency/checkpoints?log=payouts'), 400, 'validation-failed');
    expectProblem(await api.get(`/api/transparency/streams/pledge-${pledgeIds[0]}/links?from=0`), 400, 'validation-failed');

    // The verifier says how to call it, and that it could not check (2), not that it found something (1).
    const misused = await verifyLedger('--fact', 'pledge-x:two:abc');
    expect(misused.code).toBe(2);
    expect(misused.stderr).toContain('--fact must be <stream>:<position>:<64 hex digits>');
    expect(misused.stderr).toContain('usage: npm run verify-ledger');

    const { body } = await api.get('/api/docs-json').expect(200);
    for (const path of ['/api/transparency/key', '/api/transparency/checkpoints', '/api/transparency/streams/{streamId}/links']) {
      const operation = body.paths[path]?.get;
      expect(operation?.security).toBeUndefined();
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '503', '504']));
    }
  });

  it('balances to the cent: what Stripe kept equals the pledges and their tips', async () => {
    const books = await waitUntil(
      async () => {
        const now = await stripeBooks(stack.payments);
        return now.captured - now.refunded === expectedAtStripe ? now : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 200, description: `Stripe keeps ${expectedAtStripe} cents` },
    );
    expect(books.problems).toEqual([]);
  });
});

/**
 * What only the database's owner can do: the append-only triggers off for one transaction, an
 * event's data changed (its amount, or a field added), and that link's hash and every later one
 * recomputed with the store's own chain expression.
 */
async function rewriteStream(pool: Pool, schema: string, streamId: string, position: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    const changed = await client.query(
      `UPDATE ${schema}.events
       SET data = CASE WHEN data ? 'amount' THEN jsonb_set(data, '{amount,amount}', '100') ELSE data || '{"rewritten": true}' END
       WHERE stream_id = $1 AND stream_position = $2`,
      [streamId, position],
    );
    if (changed.rowCount !== 1) throw new Error(`no event ${streamId}@${position} to rewrite`);
    const { rows } = await client.query<{ head: string }>(
      `SELECT max(stream_position) AS head FROM ${schema}.events WHERE stream_id = $1`,
      [streamId],
    );
    for (let at = position; at <= Number(rows[0]?.head); at++) {
      const previous = `(SELECT previous.hash FROM ${schema}.events AS previous
                         WHERE previous.stream_id = events.stream_id AND previous.stream_position = events.stream_position - 1)`;
      await client.query(
        `UPDATE ${schema}.events SET hash = ${storedLinkHash(previous)} WHERE stream_id = $1 AND stream_position = $2`,
        [streamId, at],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
