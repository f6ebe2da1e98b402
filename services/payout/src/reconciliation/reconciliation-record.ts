import type { PoolClient } from 'pg';
import type { ReplyOf, getReconciliationReport } from '@elan/contracts';
import { uuidv7, type Money } from '@elan/domain-kernel';
import type { Mismatch, ReconciliationOutcome } from './reconciliation.types';

export type ReconciliationReport = ReplyOf<typeof getReconciliationReport>;

interface Queryable {
  query: PoolClient['query'];
}

interface MismatchRow {
  mismatch_id: string;
  key: string;
  kind: Mismatch['kind'];
  campaign_id: string | null;
  payment_intent_id: string | null;
  streams: string[];
  stripe_objects: string[];
  expected: Money | null;
  actual: Money | null;
  detail: string;
  first_seen_at: Date;
  last_seen_at: Date;
}

/**
 * The runs and their mismatches in the payout schema (payout/0002-reconciliation). A mismatch
 * found again keeps its row (first seen stays, last seen moves, its figures are the latest); one
 * a run no longer finds is resolved by that run.
 */
export class ReconciliationRecord {
  constructor(private readonly schema: string) {}

  /** Records a run in the caller's transaction. */
  async save(client: Queryable, startedAt: Date, finishedAt: Date, outcome: ReconciliationOutcome): Promise<string> {
    const s = this.schema;
    const runId = uuidv7();
    await client.query(
      `INSERT INTO ${s}.reconciliation_runs (run_id, started_at, finished_at, ok, checked, totals, campaigns, mismatches)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        runId,
        startedAt,
        finishedAt,
        outcome.ok,
        JSON.stringify(outcome.checked),
        JSON.stringify(outcome.totals),
        JSON.stringify(outcome.campaigns),
        outcome.mismatches.length,
      ],
    );
    for (const mismatch of outcome.mismatches) {
      const figures = [
        mismatch.kind,
        mismatch.campaignId,
        mismatch.paymentIntentId,
        JSON.stringify(mismatch.streams),
        JSON.stringify(mismatch.stripeObjects),
        mismatch.expected && JSON.stringify(mismatch.expected),
        mismatch.actual && JSON.stringify(mismatch.actual),
        mismatch.detail,
        finishedAt,
        runId,
      ];
      const seenAgain = await client.query(
        `UPDATE ${s}.reconciliation_mismatches SET kind = $2, campaign_id = $3, payment_intent_id = $4, streams = $5,
           stripe_objects = $6, expected = $7, actual = $8, detail = $9, last_seen_at = $10, last_run_id = $11
         WHERE key = $1 AND resolved_at IS NULL`,
        [mismatch.key, ...figures],
      );
      if (seenAgain.rowCount === 0)
        await client.query(
          `INSERT INTO ${s}.reconciliation_mismatches (mismatch_id, key, kind, campaign_id, payment_intent_id, streams,
             stripe_objects, expected, actual, detail, last_seen_at, last_run_id, first_seen_at, first_run_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $11, $12)`,
          [uuidv7(), mismatch.key, ...figures],
        );
    }
    await client.query(
      `UPDATE ${s}.reconciliation_mismatches SET resolved_at = $1, resolved_run_id = $2
       WHERE resolved_at IS NULL AND last_run_id <> $2`,
      [finishedAt, runId],
    );
    return runId;
  }

  /** The latest run and every mismatch still open. */
  async latest(db: Queryable): Promise<ReconciliationReport> {
    const s = this.schema;
    const runs = await db.query<{
      run_id: string;
      started_at: Date;
      finished_at: Date;
      ok: boolean;
      checked: NonNullable<ReconciliationReport['run']>['checked'];
      totals: NonNullable<ReconciliationReport['run']>['totals'];
      campaigns: NonNullable<ReconciliationReport['run']>['campaigns'];
    }>(`SELECT * FROM ${s}.reconciliation_runs ORDER BY finished_at DESC, run_id DESC LIMIT 1`);
    const open = await db.query<MismatchRow>(
      `SELECT * FROM ${s}.reconciliation_mismatches WHERE resolved_at IS NULL ORDER BY key`,
    );
    const [run] = runs.rows;
    return {
      run: run
        ? {
            runId: run.run_id,
            startedAt: run.started_at.toISOString(),
            finishedAt: run.finished_at.toISOString(),
            ok: run.ok,
            checked: run.checked,
            totals: run.totals,
            campaigns: run.campaigns,
          }
        : null,
      mismatches: open.rows.map((row) => ({
        mismatchId: row.mismatch_id,
        kind: row.kind,
        key: row.key,
        campaignId: row.campaign_id,
        paymentIntentId: row.payment_intent_id,
        streams: row.streams,
        stripeObjects: row.stripe_objects,
        expected: row.expected,
        actual: row.actual,
        detail: row.detail,
        firstSeenAt: row.first_seen_at.toISOString(),
        lastSeenAt: row.last_seen_at.toISOString(),
      })),
    };
  }
}
