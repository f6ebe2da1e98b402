import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { GatewayDatabase } from '../storage/gateway-database';

/** How long a completed answer is replayed. */
export const RECORD_TTL_SECONDS = 24 * 60 * 60;
/**
 * How long a claim holds while its request runs. Past it, the replica that claimed the key is
 * presumed dead and the same request may claim it again; far longer than any request lasts.
 */
export const CLAIM_LEASE_SECONDS = 60;

/** Proof of holding a key: only the holder may complete or release it. */
export interface Claim {
  readonly scope: string;
  readonly key: string;
  readonly claimId: string;
}

export type ClaimOutcome =
  | { readonly kind: 'claimed'; readonly claim: Claim }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'in-progress' }
  | { readonly kind: 'other-request' };

interface RecordRow {
  fingerprint: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
}

/**
 * Idempotency records in PostgreSQL, shared by every replica. A key is claimed atomically by one
 * `INSERT … ON CONFLICT`: of concurrent requests with the same key, exactly one runs.
 */
@Injectable()
export class IdempotencyRecords {
  constructor(private readonly db: GatewayDatabase) {}

  /**
   * `fingerprints`: the request's, under the current key first (stored), then under previous
   * keys (matched), so a key rotation does not turn a retry into "another request".
   */
  async claim(scope: string, key: string, fingerprints: readonly string[]): Promise<ClaimOutcome> {
    const [fingerprint] = fingerprints;
    if (fingerprint === undefined) throw new Error('a request needs a fingerprint');
    // A record released or expired between the two statements is claimed on the next turn.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const claimId = randomUUID();
      const claimed = await this.db.query(
        `INSERT INTO ${this.db.schema}.idempotency_records AS r
           (scope, key, fingerprint, claim_id, state, lease_expires_at, expires_at)
         VALUES ($1, $2, $3, $4, 'in_progress', now() + make_interval(secs => $5), now() + make_interval(secs => $6))
         ON CONFLICT (scope, key) DO UPDATE SET
           fingerprint = excluded.fingerprint, claim_id = excluded.claim_id, state = 'in_progress',
           lease_expires_at = excluded.lease_expires_at, expires_at = excluded.expires_at,
           response_status = NULL, response_body = NULL
         WHERE r.expires_at <= now()
            OR (r.state = 'in_progress' AND r.lease_expires_at <= now() AND r.fingerprint = ANY ($7::text[]))
         RETURNING claim_id`,
        [scope, key, fingerprint, claimId, CLAIM_LEASE_SECONDS, RECORD_TTL_SECONDS, fingerprints],
      );
      if (claimed.rowCount === 1) return { kind: 'claimed', claim: { scope, key, claimId } };

      const { rows } = await this.db.query<RecordRow>(
        `SELECT fingerprint, state, response_status, response_body FROM ${this.db.schema}.idempotency_records
          WHERE scope = $1 AND key = $2 AND expires_at > now()`,
        [scope, key],
      );
      const record = rows[0];
      if (!record) continue;
      if (!fingerprints.includes(record.fingerprint)) return { kind: 'other-request' };
      if (record.state === 'in_progress') return { kind: 'in-progress' };
      return { kind: 'replay', status: record.response_status ?? 200, body: record.response_body ?? undefined };
    }
    throw new Error(`idempotency key ${key} kept changing hands`);
  }

  /** Stores the answer to replay; the text of the JSON is kept as sent. */
  async complete(claim: Claim, status: number, body: unknown): Promise<void> {
    await this.db.query(
      `UPDATE ${this.db.schema}.idempotency_records
          SET state = 'completed', response_status = $4, response_body = $5::json
        WHERE scope = $1 AND key = $2 AND claim_id = $3`,
      [claim.scope, claim.key, claim.claimId, status, body === undefined ? null : JSON.stringify(body)],
    );
  }

  /** Forgets a claim whose request failed, so that a retry with the same key runs again. */
  async release(claim: Claim): Promise<void> {
    await this.db.query(`DELETE FROM ${this.db.schema}.idempotency_records WHERE scope = $1 AND key = $2 AND claim_id = $3`, [
      claim.scope,
      claim.key,
      claim.claimId,
    ]);
  }
}
