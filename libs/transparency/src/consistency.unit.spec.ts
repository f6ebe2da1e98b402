import { createHash } from 'node:crypto';
import { makeCheckpoint, type Checkpoint, type StreamHead } from './checkpoint';
import { checkExtends, checkIncluded, checkNewer, describeFinding, historyOf, type CurrentHistory } from './consistency';

/** A stream's chain of hashes, each from the one before and the event's text (as the store chains). */
const chain = (streamId: string, events: readonly string[]): { position: number; hash: string }[] => {
  let previous = '';
  return events.map((event, index) => {
    previous = createHash('sha256').update(`${previous}|${streamId}|${event}`).digest('hex');
    return { position: index + 1, hash: previous };
  });
};

const headOf = (streamId: string, links: readonly { position: number; hash: string }[]): StreamHead => {
  const last = links.at(-1);
  if (!last) throw new Error(`${streamId} has no link`);
  return { streamId, position: last.position, hash: last.hash };
};

const PLEDGE = chain('pledge-1', ['placed', 'committed', 'collected']);
const TIP = chain('tip-1', ['offered', 'paid']);

const KEPT: Checkpoint = makeCheckpoint({
  log: 'elan/pledge',
  sequence: 3,
  issuedAt: '2026-12-02T10:00:00.000Z',
  heads: [headOf('pledge-1', PLEDGE), headOf('tip-1', TIP)],
});

const now = (streams: Record<string, readonly { position: number; hash: string }[]>): CurrentHistory =>
  historyOf(
    Object.entries(streams).map(([streamId, links]) => headOf(streamId, links)),
    streams,
  );

describe('does the current history extend a kept checkpoint?', () => {
  it('yes, when it is the same history', () => {
    expect(checkExtends(KEPT, now({ 'pledge-1': PLEDGE, 'tip-1': TIP }))).toEqual([]);
  });

  it('yes, when streams grew and new streams appeared', () => {
    const history = now({
      'pledge-1': chain('pledge-1', ['placed', 'committed', 'collected', 'refunded']),
      'tip-1': chain('tip-1', ['offered', 'paid', 'refunded']),
      'pledge-2': chain('pledge-2', ['placed']),
    });
    expect(checkExtends(KEPT, history)).toEqual([]);
  });

  it('yes, from the heads alone when no stream moved', () => {
    expect(checkExtends(KEPT, historyOf(KEPT.heads))).toEqual([]);
  });

  it('no, when an event was rewritten and every later hash recomputed: that stream, at the kept position', () => {
    const rewritten = chain('pledge-1', ['placed', 'committed for less', 'collected', 'refunded']);
    const findings = checkExtends(KEPT, now({ 'pledge-1': rewritten, 'tip-1': TIP }));
    expect(findings).toEqual([
      { kind: 'other_hash', streamId: 'pledge-1', position: 3, keptHash: PLEDGE[2]?.hash, foundHash: rewritten[2]?.hash },
    ]);
    expect(describeFinding(findings[0]!)).toMatch(
      /^pledge-1: position 3 was [0-9a-f]{64}, is now [0-9a-f]{64} \(history rewritten\)$/,
    );
  });

  it('no, when a stream was truncated: its head went backwards', () => {
    const findings = checkExtends(KEPT, now({ 'pledge-1': PLEDGE.slice(0, 2), 'tip-1': TIP }));
    expect(findings).toEqual([
      { kind: 'head_behind', streamId: 'pledge-1', position: 3, keptHash: PLEDGE[2]?.hash, currentPosition: 2 },
    ]);
    expect(describeFinding(findings[0]!)).toBe('pledge-1: head went back from 3 to 2 (history truncated)');
  });

  it('no, when a stream is gone, or the link at the kept position is not published', () => {
    expect(checkExtends(KEPT, now({ 'pledge-1': PLEDGE }))).toEqual([
      { kind: 'missing', streamId: 'tip-1', position: 2, keptHash: TIP[1]?.hash },
    ]);
    const grown = chain('tip-1', ['offered', 'paid', 'refunded']);
    const withoutTheLink = historyOf([headOf('pledge-1', PLEDGE), headOf('tip-1', grown)], { 'pledge-1': PLEDGE });
    expect(checkExtends(KEPT, withoutTheLink)).toEqual([
      { kind: 'missing', streamId: 'tip-1', position: 2, keptHash: TIP[1]?.hash },
    ]);
  });
});

describe('is a receipt’s fact in a checkpoint?', () => {
  const history = now({ 'pledge-1': PLEDGE, 'tip-1': TIP });
  const fact = (streamId: string, position: number, hash: string | undefined) => ({ streamId, position, hash: hash ?? '' });

  it('yes, at the head (the signed hash itself) and before it', () => {
    expect(checkIncluded(fact('pledge-1', 3, PLEDGE[2]?.hash), KEPT, () => undefined)).toEqual([]);
    expect(checkIncluded(fact('pledge-1', 2, PLEDGE[1]?.hash), KEPT, history.linkAt)).toEqual([]);
    expect(checkIncluded(fact('tip-1', 1, TIP[0]?.hash), KEPT, history.linkAt)).toEqual([]);
  });

  it('no, when the hash there is another', () => {
    const forged = chain('pledge-1', ['placed', 'committed for more'])[1]?.hash ?? '';
    expect(checkIncluded(fact('pledge-1', 2, forged), KEPT, history.linkAt)).toEqual([
      { kind: 'fact_other_hash', streamId: 'pledge-1', position: 2, factHash: forged, foundHash: PLEDGE[1]?.hash },
    ]);
    expect(checkIncluded(fact('pledge-1', 3, forged), KEPT, history.linkAt)).toEqual([
      { kind: 'fact_other_hash', streamId: 'pledge-1', position: 3, factHash: forged, foundHash: PLEDGE[2]?.hash },
    ]);
  });

  it('no, when it is after the checkpoint, in a stream it does not hold, or not published', () => {
    expect(checkIncluded(fact('pledge-1', 4, PLEDGE[0]?.hash), KEPT, history.linkAt)).toEqual([
      { kind: 'after_checkpoint_head', streamId: 'pledge-1', position: 4, headPosition: 3 },
    ]);
    expect(checkIncluded(fact('pledge-9', 1, PLEDGE[0]?.hash), KEPT, history.linkAt)).toEqual([
      { kind: 'stream_not_in_checkpoint', streamId: 'pledge-9', position: 1 },
    ]);
    expect(checkIncluded(fact('pledge-1', 1, PLEDGE[0]?.hash), KEPT, () => undefined)).toEqual([
      { kind: 'fact_missing', streamId: 'pledge-1', position: 1, factHash: PLEDGE[0]?.hash },
    ]);
  });
});

describe('can a checkpoint follow the kept one?', () => {
  const later = { ...KEPT, sequence: 4, issuedAt: '2026-12-02T11:00:00.000Z' };

  it('yes, with a higher sequence and a later time, or when it is the same checkpoint', () => {
    expect(checkNewer(KEPT, later)).toEqual([]);
    expect(checkNewer(KEPT, { ...KEPT, heads: [...KEPT.heads] })).toEqual([]);
  });

  it('no, with the same or a lower sequence, an earlier or equal time, or another log', () => {
    expect(checkNewer(later, { ...KEPT, heads: [] })).toEqual([
      { kind: 'sequence_not_higher', keptSequence: 4, newerSequence: 3 },
      { kind: 'issued_not_later', keptIssuedAt: later.issuedAt, newerIssuedAt: KEPT.issuedAt },
    ]);
    // Same sequence, other heads: two checkpoints of one number, the log told two stories.
    expect(checkNewer(KEPT, { ...KEPT, heads: KEPT.heads.slice(1) })).toEqual([
      { kind: 'sequence_not_higher', keptSequence: 3, newerSequence: 3 },
      { kind: 'issued_not_later', keptIssuedAt: KEPT.issuedAt, newerIssuedAt: KEPT.issuedAt },
    ]);
    expect(checkNewer(KEPT, { ...later, log: 'elan/tipping' })).toEqual([
      { kind: 'other_log', keptLog: 'elan/pledge', newerLog: 'elan/tipping' },
    ]);
    expect(describeFinding({ kind: 'sequence_not_higher', keptSequence: 4, newerSequence: 3 })).toBe(
      'sequence 3 does not follow the kept 4',
    );
  });
});
