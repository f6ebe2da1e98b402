import type { PoolClient } from 'pg';
import type { getPayoutMonths, RequestOf } from '@elan/contracts';
import { NotFoundError } from '@elan/domain-kernel';
import { inTransaction, type PostgresEventStore } from '@elan/event-store';
import { readLinks } from '@elan/transparency';
import { payoutLedgerStream, type StatementRecorded } from '../ledger';
import { statementStream } from '../statement';
import { MONTH_FIGURES, payoutMonthsOf, type MonthSum, type PayoutMonth } from './payout-months';
import { campaignLedgerOf, type CampaignLedger, type LinkedEvent } from './public-ledger';

/**
 * The payout service's public reads (issue #11, deliverable 4): a campaign's ledger and the
 * platform's payout figures by month, both from the payout events themselves rather than from
 * the views, so what is published is what the signed checkpoints cover.
 */
export class PublicLedgerQueries {
  constructor(private readonly store: PostgresEventStore) {}

  /** A campaign's public ledger; not_found when the payout service holds no ledger for it. */
  async campaign(campaignId: string): Promise<CampaignLedger> {
    const ledgerId = payoutLedgerStream(campaignId);
    // One snapshot for every stream read, so the figures of the ledger and its statements agree.
    const { ledger, statements } = await inTransaction(
      this.store.pool,
      async (client) => {
        const events = await this.linked(client, ledgerId);
        const byStatement = new Map<string, readonly LinkedEvent[]>();
        for (const event of events.filter((e) => e.type === 'StatementRecorded')) {
          const { statementId } = event.data as StatementRecorded['data'];
          byStatement.set(statementId, await this.linked(client, statementStream(statementId)));
        }
        return { ledger: events, statements: byStatement };
      },
      { isolation: 'repeatable read', readOnly: true },
    );
    if (ledger.length === 0) throw new NotFoundError(`campaign ${campaignId} has no payout ledger yet`, { campaignId });
    const streamIds = [ledgerId, ...[...statements.keys()].map(statementStream)];
    const chains = await Promise.all(
      streamIds.map(async (streamId) => ({ streamId, report: await this.store.verify(streamId) })),
    );
    return campaignLedgerOf({ campaignId, ledger, statements, chains });
  }

  /** The platform's payout figures by month and currency, summed by PostgreSQL over the payout events. */
  async months({ from, to }: RequestOf<typeof getPayoutMonths>): Promise<{ months: PayoutMonth[] }> {
    const schema = this.store.schema;
    const selects = MONTH_FIGURES.map(
      (f, index) => `
      SELECT '${f.figure}' AS figure,
             to_char((data->>'${f.at}')::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
             data->'${f.amount}'->>'currency' AS currency,
             (data->'${f.amount}'->>'amount')::bigint AS amount
      FROM ${schema}.events WHERE type = $${index + 1} AND stream_id LIKE '${f.prefix}%'`,
    );
    const { rows } = await this.store.pool.query<{
      figure: MonthSum['figure'];
      month: string;
      currency: string;
      count: string;
      amount: string;
    }>(
      `SELECT figure, month, currency, count(*) AS count, sum(amount) AS amount
       FROM (${selects.join(' UNION ALL ')}) AS facts
       WHERE ($${MONTH_FIGURES.length + 1}::text IS NULL OR month >= $${MONTH_FIGURES.length + 1})
         AND ($${MONTH_FIGURES.length + 2}::text IS NULL OR month <= $${MONTH_FIGURES.length + 2})
       GROUP BY figure, month, currency`,
      [...MONTH_FIGURES.map((f) => f.type), from ?? null, to ?? null],
    );
    return {
      months: payoutMonthsOf(rows.map((row) => ({ ...row, count: Number(row.count), amount: Number(row.amount) }))),
    };
  }

  private async linked(client: PoolClient, streamId: string): Promise<LinkedEvent[]> {
    const [events, links] = [
      await this.store.readStream(streamId, { client }),
      await readLinks(client, this.store.schema, streamId),
    ];
    const hashAt = new Map(links.map((link) => [link.position, link.hash]));
    return events.map((event) => ({
      position: event.streamPosition,
      hash: hashAt.get(event.streamPosition) ?? '',
      type: event.type,
      data: event.data,
    }));
  }
}
