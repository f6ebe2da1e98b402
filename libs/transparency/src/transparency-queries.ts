import type { Pool } from 'pg';
import type { SignedCheckpoint } from './checkpoint';
import type { CheckpointLog } from './checkpoint-log';
import { readLinks, type StreamLink } from './store-links';

/** A signed checkpoint as plain data for a reply (mutable arrays, as zod's inferred types have them). */
export interface WireCheckpoint {
  checkpoint: { log: string; sequence: number; issuedAt: string; heads: { streamId: string; position: number; hash: string }[] };
  keyId: string;
  signature: string;
}

/** What a money service answers about its checkpoints: its log's name, its key, the latest, a page. */
export interface CheckpointsAnswer {
  log: string;
  key: { keyId: string; algorithm: 'Ed25519'; publicKeyPem: string };
  latest: WireCheckpoint | null;
  checkpoints: WireCheckpoint[];
}

const wire = ({ checkpoint, keyId, signature }: SignedCheckpoint): WireCheckpoint => ({
  checkpoint: { ...checkpoint, heads: checkpoint.heads.map((head) => ({ ...head })) },
  keyId,
  signature,
});

/**
 * The two public reads of a money service's transparency (its `GetCheckpoints` and
 * `GetStreamLinks` handlers): checkpoints as stored, and a stream's links without event data.
 * Which streams may be asked for is the contract's business (its money prefixes only).
 */
export class TransparencyQueries {
  constructor(
    private readonly log: CheckpointLog,
    private readonly pool: Pool,
    private readonly schema: string,
  ) {}

  async checkpoints(request: { readonly after?: number; readonly limit: number }): Promise<CheckpointsAnswer> {
    const [latest, checkpoints] = await Promise.all([
      this.log.latest(),
      request.limit === 0
        ? Promise.resolve([])
        : this.log.list({ ...(request.after !== undefined && { after: request.after }), limit: request.limit }),
    ]);
    return {
      log: this.log.log,
      key: { ...this.log.key, algorithm: 'Ed25519' },
      latest: latest ? wire(latest) : null,
      checkpoints: checkpoints.map(wire),
    };
  }

  async links(request: {
    readonly streamId: string;
    readonly from: number;
    readonly limit: number;
  }): Promise<{ streamId: string; links: StreamLink[] }> {
    return {
      streamId: request.streamId,
      links: await readLinks(this.pool, this.schema, request.streamId, request.from, { limit: request.limit }),
    };
  }
}
