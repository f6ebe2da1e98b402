import { PostgresEventStore, storedLinkHash } from '@elan/event-store';
import { openTestStore, type TestStore } from '@elan/testing';
import {
  checkExtends,
  checkIncluded,
  checkNewer,
  generateCheckpointKeys,
  historyOf,
  loadSigningKey,
  makeCheckpoint,
  parseSignedCheckpointJson,
  readHeads,
  readLinks,
  signCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
  type CurrentHistory,
  type StreamLink,
} from '../src';

const MONEY_STREAMS = ['pledge-', 'tip-'];
const LOG = 'elan/pledge';

/**
 * Issue #11's threat: whoever runs the database rewrites a stream and recomputes every hash, so
 * the store's own hash chain still verifies. Only a checkpoint signed before, and kept by someone
 * else, shows the fork.
 */
describe('a stream rewritten in the database, every hash recomputed', () => {
  let ctx: TestStore<PostgresEventStore>;
  const keys = generateCheckpointKeys();
  const signer = loadSigningKey(keys.privateKeyBase64);
  /** What a verifier kept: the published text of the first checkpoint. */
  let keptText: string;

  const pledge = (n: number, amount: number) => ({ type: 'PledgeStep', data: { n, amount: { amount, currency: 'EUR' } } });

  /** The current history, as the published endpoints will serve it: heads, and the links asked for. */
  const currentHistoryFor = async (kept: Checkpoint): Promise<CurrentHistory> => {
    const heads = await readHeads(ctx.pool, ctx.schema, { prefixes: MONEY_STREAMS });
    const links: Record<string, StreamLink[]> = {};
    for (const head of kept.heads)
      links[head.streamId] = await readLinks(ctx.pool, ctx.schema, head.streamId, head.position, { toPosition: head.position });
    return historyOf(heads, links);
  };

  /** What only the database's owner can do: the triggers switched off for one transaction. */
  const rewrite = async (streamId: string, position: number, data: object): Promise<void> => {
    const client = await ctx.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(`UPDATE ${ctx.schema}.events SET data = $3::jsonb WHERE stream_id = $1 AND stream_position = $2`, [
        streamId,
        position,
        JSON.stringify(data),
      ]);
      // Every link from the rewritten one on, in order, with the store's own chain expression.
      const { rows } = await client.query<{ head: string }>(
        `SELECT max(stream_position) AS head FROM ${ctx.schema}.events WHERE stream_id = $1`,
        [streamId],
      );
      for (let at = position; at <= Number(rows[0]?.head); at++) {
        const previous = `(SELECT previous.hash FROM ${ctx.schema}.events AS previous
                           WHERE previous.stream_id = events.stream_id AND previous.stream_position = events.stream_position - 1)`;
        await client.query(
          `UPDATE ${ctx.schema}.events SET hash = ${storedLinkHash(previous)} WHERE stream_id = $1 AND stream_position = $2`,
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
  };

  beforeAll(async () => {
    ctx = await openTestStore((pool, schema) => PostgresEventStore.open(pool, { schema }), { prefix: 'transp' });
    await ctx.store.append('pledge-a', [pledge(1, 5000), pledge(2, 5000)], 'no_stream');
    await ctx.store.append('pledge-b', [pledge(1, 2000), pledge(2, 2000), pledge(3, 2000)], 'no_stream');
    await ctx.store.append(
      'tip-a',
      [
        { type: 'TipOffered', data: { amount: 500 } },
        { type: 'TipPaid', data: {} },
      ],
      'no_stream',
    );
    await ctx.store.append('campaign-a', [{ type: 'CampaignDrafted', data: {} }], 'no_stream');

    const heads = await readHeads(ctx.pool, ctx.schema, { prefixes: MONEY_STREAMS });
    const signed = signCheckpoint(makeCheckpoint({ log: LOG, sequence: 1, issuedAt: '2026-12-02T10:00:00.000Z', heads }), signer);
    keptText = JSON.stringify(signed);
  });
  afterAll(() => ctx.dispose());

  it('signs the heads of the money streams only', () => {
    const kept = parseSignedCheckpointJson(keptText);
    expect(verifyCheckpoint(kept, keys.publicKeyPem)).toBe(true);
    expect(kept.checkpoint.heads.map(({ streamId, position }) => [streamId, position])).toEqual([
      ['pledge-a', 2],
      ['pledge-b', 3],
      ['tip-a', 2],
    ]);
  });

  it('finds nothing to report while the history only grows', async () => {
    await ctx.store.append('pledge-a', [pledge(3, 5000), pledge(4, 5000)], 2);
    await ctx.store.append('tip-a', [{ type: 'TipRefunded', data: {} }], 2);
    await ctx.store.append('pledge-c', [pledge(1, 700)], 'no_stream');
    const { checkpoint: kept } = parseSignedCheckpointJson(keptText);
    expect(checkExtends(kept, await currentHistoryFor(kept))).toEqual([]);
    expect(await ctx.store.verify()).toEqual({ ok: true, eventsChecked: 12 });
  });

  it('passes the store’s own verification after the rewrite, and the kept checkpoint shows the fork at that stream and position', async () => {
    const { checkpoint: kept } = parseSignedCheckpointJson(keptText);
    const before = await readLinks(ctx.pool, ctx.schema, 'pledge-a');
    const untouched = await readHeads(ctx.pool, ctx.schema, { streamIds: ['pledge-b', 'pledge-c', 'tip-a'] });

    await rewrite('pledge-a', 2, { n: 2, amount: { amount: 1, currency: 'EUR' } });

    // A "perfect" rewrite: the chain holds, every later hash changed, the other streams did not.
    expect(await ctx.store.verify()).toEqual({ ok: true, eventsChecked: 12 });
    expect(await ctx.store.verify('pledge-a')).toEqual({ ok: true, eventsChecked: 4 });
    const after = await readLinks(ctx.pool, ctx.schema, 'pledge-a');
    expect(after.map((link, i) => link.hash === before[i]?.hash)).toEqual([true, false, false, false]);
    expect((await ctx.store.readStream('pledge-a'))[1]?.data).toEqual({ n: 2, amount: { amount: 1, currency: 'EUR' } });
    expect(await readHeads(ctx.pool, ctx.schema, { streamIds: ['pledge-b', 'pledge-c', 'tip-a'] })).toEqual(untouched);

    // The kept checkpoint names pledge-a at position 2 with the hash from before the rewrite.
    expect(checkExtends(kept, await currentHistoryFor(kept))).toEqual([
      { kind: 'other_hash', streamId: 'pledge-a', position: 2, keptHash: before[1]?.hash, foundHash: after[1]?.hash },
    ]);
  });

  it('shows a checkpoint signed after the rewrite as well-formed and newer, yet not an extension of the kept one', async () => {
    const kept = parseSignedCheckpointJson(keptText);
    const heads = await readHeads(ctx.pool, ctx.schema, { prefixes: MONEY_STREAMS });
    const next = signCheckpoint(makeCheckpoint({ log: LOG, sequence: 2, issuedAt: '2026-12-02T11:00:00.000Z', heads }), signer);
    expect(verifyCheckpoint(next, keys.publicKeyPem)).toBe(true);
    expect(checkNewer(kept.checkpoint, next.checkpoint)).toEqual([]);

    const published = await currentHistoryFor(kept.checkpoint);
    expect(published.heads).toEqual(next.checkpoint.heads);
    expect(checkExtends(kept.checkpoint, published).map(({ kind, streamId, position }) => [kind, streamId, position])).toEqual([
      ['other_hash', 'pledge-a', 2],
    ]);

    // A receipt issued before the rewrite names pledge-a's second event by its old hash: in the
    // kept checkpoint (its head), not in the history published now.
    const receipt = { streamId: 'pledge-a', position: 2, hash: kept.checkpoint.heads[0]?.hash ?? '' };
    const [rewritten] = await readLinks(ctx.pool, ctx.schema, 'pledge-a', 2, { toPosition: 2 });
    expect(checkIncluded(receipt, kept.checkpoint, published.linkAt)).toEqual([]);
    expect(checkIncluded(receipt, next.checkpoint, published.linkAt)).toEqual([
      {
        kind: 'fact_other_hash',
        streamId: 'pledge-a',
        position: 2,
        factHash: receipt.hash,
        foundHash: rewritten?.hash,
      },
    ]);
  });
});
