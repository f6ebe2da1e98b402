import { canonicalCheckpointBytes, type Checkpoint, type StreamHead } from './checkpoint';

/** The hash of a stream's link at a position in the current history, if it has one. */
export type LinkAt = (streamId: string, position: number) => string | undefined;

/** The history as published now: its stream heads, and the hash of any link asked for. */
export interface CurrentHistory {
  readonly heads: readonly StreamHead[];
  readonly linkAt: LinkAt;
}

/** Where the current history does not extend a stream head of the kept checkpoint. */
export type ForkFinding =
  /** The stream, or its link at the kept position, is gone. */
  | { readonly kind: 'missing'; readonly streamId: string; readonly position: number; readonly keptHash: string }
  /** The link at the kept position has another hash: the stream was rewritten at or before it. */
  | {
      readonly kind: 'other_hash';
      readonly streamId: string;
      readonly position: number;
      readonly keptHash: string;
      readonly foundHash: string;
    }
  /** The stream's head is now before the kept position: it was truncated. */
  | {
      readonly kind: 'head_behind';
      readonly streamId: string;
      readonly position: number;
      readonly keptHash: string;
      readonly currentPosition: number;
    };

/** Why a fact (a receipt's stream, position and hash) is not in a checkpoint's history. */
export type InclusionFinding =
  | { readonly kind: 'stream_not_in_checkpoint'; readonly streamId: string; readonly position: number }
  | {
      readonly kind: 'after_checkpoint_head';
      readonly streamId: string;
      readonly position: number;
      readonly headPosition: number;
    }
  | { readonly kind: 'fact_missing'; readonly streamId: string; readonly position: number; readonly factHash: string }
  | {
      readonly kind: 'fact_other_hash';
      readonly streamId: string;
      readonly position: number;
      readonly factHash: string;
      readonly foundHash: string;
    };

/** Why a checkpoint cannot be a later one of the same log than the kept checkpoint. */
export type OrderFinding =
  | { readonly kind: 'other_log'; readonly keptLog: string; readonly newerLog: string }
  | { readonly kind: 'sequence_not_higher'; readonly keptSequence: number; readonly newerSequence: number }
  | { readonly kind: 'issued_not_later'; readonly keptIssuedAt: string; readonly newerIssuedAt: string };

export type Finding = ForkFinding | InclusionFinding | OrderFinding;

/** A fact a receipt or statement names: the position and hash of its event in its stream. */
export interface Fact {
  readonly streamId: string;
  readonly position: number;
  readonly hash: string;
}

/**
 * A current history from heads and the links read or fetched for it (per stream id); a head is a
 * link too, so `linkAt` answers a head's position even when no list holds it.
 */
export const historyOf = (
  heads: readonly StreamHead[],
  links: Readonly<Record<string, readonly { readonly position: number; readonly hash: string }[]>> = {},
): CurrentHistory => {
  const known = new Map<string, string>();
  const key = (streamId: string, position: number): string => `${position}\u0000${streamId}`;
  for (const head of heads) known.set(key(head.streamId, head.position), head.hash);
  for (const [streamId, list] of Object.entries(links))
    for (const link of list) known.set(key(streamId, link.position), link.hash);
  return { heads, linkAt: (streamId, position) => known.get(key(streamId, position)) };
};

/**
 * Does the current history extend the kept checkpoint? For each head kept, the current history
 * must have a head at or beyond its position and the same hash at that position. Each stream
 * that does not is one finding; an empty list means every kept head is still in the history.
 * Streams that appeared since are not the kept checkpoint's business.
 */
export const checkExtends = (kept: Checkpoint, current: CurrentHistory): ForkFinding[] => {
  const heads = new Map(current.heads.map((head) => [head.streamId, head]));
  const findings: ForkFinding[] = [];
  for (const { streamId, position, hash: keptHash } of kept.heads) {
    const head = heads.get(streamId);
    if (head && head.position < position) {
      findings.push({ kind: 'head_behind', streamId, position, keptHash, currentPosition: head.position });
      continue;
    }
    const found = current.linkAt(streamId, position) ?? (head?.position === position ? head.hash : undefined);
    if (found === undefined) findings.push({ kind: 'missing', streamId, position, keptHash });
    else if (found !== keptHash) findings.push({ kind: 'other_hash', streamId, position, keptHash, foundHash: found });
  }
  return findings;
};

/**
 * Is the fact in the checkpoint's history? Its position must be at or before the checkpoint's
 * head of its stream, and the hash there must be the fact's: the signed head's own hash at the
 * head's position, `linkAt`'s before it (check first that the history `linkAt` reads extends the
 * checkpoint). An empty list means included.
 */
export const checkIncluded = (fact: Fact, checkpoint: Checkpoint, linkAt: LinkAt): InclusionFinding[] => {
  const { streamId, position, hash: factHash } = fact;
  const head = checkpoint.heads.find((candidate) => candidate.streamId === streamId);
  if (!head) return [{ kind: 'stream_not_in_checkpoint', streamId, position }];
  if (position > head.position) return [{ kind: 'after_checkpoint_head', streamId, position, headPosition: head.position }];
  const found = position === head.position ? head.hash : linkAt(streamId, position);
  if (found === undefined) return [{ kind: 'fact_missing', streamId, position, factHash }];
  if (found !== factHash) return [{ kind: 'fact_other_hash', streamId, position, factHash, foundHash: found }];
  return [];
};

/**
 * Can `newer` follow `kept`? The same log, a higher sequence and a later `issuedAt`. The very same
 * checkpoint again (same canonical bytes) is fine: nothing was published since.
 */
export const checkNewer = (kept: Checkpoint, newer: Checkpoint): OrderFinding[] => {
  if (kept.log !== newer.log) return [{ kind: 'other_log', keptLog: kept.log, newerLog: newer.log }];
  if (canonicalCheckpointBytes(kept).equals(canonicalCheckpointBytes(newer))) return [];
  const findings: OrderFinding[] = [];
  if (newer.sequence <= kept.sequence)
    findings.push({ kind: 'sequence_not_higher', keptSequence: kept.sequence, newerSequence: newer.sequence });
  if (Date.parse(newer.issuedAt) <= Date.parse(kept.issuedAt))
    findings.push({ kind: 'issued_not_later', keptIssuedAt: kept.issuedAt, newerIssuedAt: newer.issuedAt });
  return findings;
};

/** One line a person can read, for a verifier's report. */
export const describeFinding = (finding: Finding): string => {
  switch (finding.kind) {
    case 'missing':
      return `${finding.streamId}: no link at position ${finding.position} any more (kept ${finding.keptHash})`;
    case 'other_hash':
      return `${finding.streamId}: position ${finding.position} was ${finding.keptHash}, is now ${finding.foundHash} (history rewritten)`;
    case 'head_behind':
      return `${finding.streamId}: head went back from ${finding.position} to ${finding.currentPosition} (history truncated)`;
    case 'stream_not_in_checkpoint':
      return `${finding.streamId}: not in the checkpoint`;
    case 'after_checkpoint_head':
      return `${finding.streamId}: position ${finding.position} is after the checkpoint's head ${finding.headPosition}`;
    case 'fact_missing':
      return `${finding.streamId}: no link at position ${finding.position}`;
    case 'fact_other_hash':
      return `${finding.streamId}: position ${finding.position} is ${finding.foundHash}, the fact says ${finding.factHash}`;
    case 'other_log':
      return `the checkpoint is of log ${finding.newerLog}, the kept one of ${finding.keptLog}`;
    case 'sequence_not_higher':
      return `sequence ${finding.newerSequence} does not follow the kept ${finding.keptSequence}`;
    case 'issued_not_later':
      return `issued at ${finding.newerIssuedAt}, not after the kept ${finding.keptIssuedAt}`;
  }
};
