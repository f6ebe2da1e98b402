import canonicalize from 'canonicalize';
import { openTestStore } from './test-database';

/**
 * The bytes each link of the chain hashes, written out once more by hand: the format stored
 * hashes depend on. `linkHash` in statements.ts builds it for the appends and the verifier; if
 * it ever changed, databases written before would stop verifying, and this test says so.
 */
const PINNED_LINK = (schema: string): string => `
  SELECT stream_position,
         hash = sha256(coalesce(lag(hash) OVER w, ''::bytea) || convert_to(jsonb_build_array(
           event_id, stream_id, stream_position, type, schema_version,
           (extract(epoch FROM occurred_at) * 1000000)::bigint, data, metadata)::text, 'UTF8')) AS holds
  FROM ${schema}.events WHERE stream_id = $1
  WINDOW w AS (PARTITION BY stream_id ORDER BY stream_position)
  ORDER BY stream_position`;

describe('the hash chain', () => {
  let ctx: Awaited<ReturnType<typeof openTestStore>>;
  beforeAll(async () => {
    ctx = await openTestStore();
  });
  afterAll(() => ctx.dispose());

  it('links every event, appended one or several at a time, as the pinned format says', async () => {
    const data = { title: 'Un four à pain', goal: { currency: 'EUR', amount: 150000 }, tags: ['pain', 'four'] };
    await ctx.store.append('campaign-h1', [{ type: 'CampaignDrafted', data }], 'no_stream');
    await ctx.store.append(
      'campaign-h1',
      [
        { type: 'CampaignSubmitted', data: {}, metadata: { actor: 'holder-1' } },
        { type: 'CampaignApproved', data: { by: 'moderator-1' } },
        { type: 'CampaignLaunched', data: { at: '2026-12-01T10:00:00.000Z' } },
      ],
      1,
    );

    const links = await ctx.pool.query<{ stream_position: string; holds: boolean }>(PINNED_LINK(ctx.schema), ['campaign-h1']);
    expect(links.rows.map((row) => [Number(row.stream_position), row.holds])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
    ]);
    expect(await ctx.store.verify('campaign-h1')).toEqual({ ok: true, eventsChecked: 4 });
  });

  it('needs no canonical JSON in Node: jsonb has its own text form, which is not RFC 8785', async () => {
    const value = { b: 1, aa: [2, { d: true, c: null }] };
    const { rows } = await ctx.pool.query<{ text: string }>('SELECT $1::jsonb::text AS text', [JSON.stringify(value)]);
    // jsonb sorts keys by length first and puts spaces after separators; RFC 8785 does neither.
    expect(rows[0]?.text).toBe('{"b": 1, "aa": [2, {"c": null, "d": true}]}');
    expect(canonicalize(value)).toBe('{"aa":[2,{"c":null,"d":true}],"b":1}');
  });
});
