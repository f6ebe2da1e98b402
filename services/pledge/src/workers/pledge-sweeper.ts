import { PeriodicRounds } from '@elan/service-kit';
import type { PoolClient } from 'pg';
import { inTransaction, type PostgresEventStore } from '@elan/event-store';
import type { Currency, DomainEvent, Money } from '@elan/domain-kernel';
import { tally } from '../pledge';
import type { PledgeApplication } from '../application/pledge-application';

/** Stream of a campaign's tally: one event, appended once (`no_stream`), published by the outbox. */
export const tallyStream = (campaignId: string): string => `tally-${campaignId}`;

/** Stream of a campaign's collection: one event, appended once (`no_stream`), published by the outbox. */
export const collectionStream = (campaignId: string): string => `collection-${campaignId}`;

/** How many pledges, and their sum (tips excluded). */
export interface PledgeSum {
  readonly count: number;
  readonly amount: Money;
}

/**
 * A succeeded all-or-nothing campaign has no pledge left being collected: every one was
 * collected or dropped. The payout service draws the campaign's statement on it.
 */
export type CampaignCollectionClosed = DomainEvent<
  'CampaignCollectionClosed',
  { readonly campaignId: string; readonly collected: PledgeSum; readonly dropped: PledgeSum; readonly closedAt: string }
>;

/** Still being collected: charged, declined and waiting for a retry, or with a new card to try. */
const BEING_COLLECTED = ['collecting', 'collection_declined', 'card_updated'];

const BATCH = 100;

/**
 * The pledge service's clock-driven work, read from its own tables rather than from timers, so a
 * restart resumes it: unfinished checkouts past their timeout are abandoned (their tier unit goes
 * back), tallies fall due once the deadline's grace period passed (ADR 0008), and declined
 * collections whose retry window closed are dropped. Rows are taken `FOR UPDATE SKIP LOCKED`:
 * replicas share the work, each item is done once.
 */
export class PledgeSweeper {
  private readonly rounds: PeriodicRounds;

  constructor(
    private readonly store: PostgresEventStore,
    private readonly pledges: PledgeApplication,
    private readonly options: {
      readonly checkoutTimeoutMs: number;
      readonly intervalMs: number;
      readonly onError: (error: unknown) => void;
    },
  ) {
    this.rounds = new PeriodicRounds(() => this.sweep(), options);
  }

  async start(): Promise<void> {
    this.rounds.start();
  }

  stop(): Promise<void> {
    return this.rounds.stop();
  }

  /** One pass over every kind of due work; exposed for tests that drive time themselves. */
  async sweep(): Promise<void> {
    await this.abandonStaleCheckouts();
    await this.tallyDueCampaigns();
    await this.dropClosedWindows();
    await this.closeFinishedCollections();
  }

  private async abandonStaleCheckouts(): Promise<void> {
    const before = new Date(this.pledges.now().getTime() - this.options.checkoutTimeoutMs);
    await this.eachDue(
      `SELECT pledge_id FROM ${this.store.schema}.pledges
       WHERE status IN ('placed', 'awaiting_payment', 'awaiting_card_setup', 'payment_failed') AND updated_at <= $1
       ORDER BY updated_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      [before],
      (pledgeId, client) => this.pledges.execute({ type: 'AbandonPledge', data: { pledgeId }, metadata: {} }, client),
    );
  }

  private async dropClosedWindows(): Promise<void> {
    await this.eachDue(
      `SELECT pledge_id FROM ${this.store.schema}.pledges
       WHERE status IN ('collection_declined', 'card_updated') AND retry_until <= $1
       ORDER BY retry_until LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      [this.pledges.now()],
      (pledgeId, client) => this.pledges.execute({ type: 'DropPledge', data: { pledgeId }, metadata: {} }, client),
    );
  }

  private async eachDue(
    sql: string,
    values: unknown[],
    work: (pledgeId: string, client: PoolClient) => Promise<unknown>,
  ): Promise<void> {
    await inTransaction(this.store.pool, async (client) => {
      const due = await client.query<{ pledge_id: string }>(sql, values);
      for (const { pledge_id } of due.rows) await work(pledge_id, client);
    });
  }

  /** ADR 0008: the sum of the pledges committed strictly before the deadline, final once published. */
  private async tallyDueCampaigns(): Promise<void> {
    const schema = this.store.schema;
    await inTransaction(this.store.pool, async (client) => {
      const due = await client.query<{ campaign_id: string; deadline: Date; currency: string }>(
        `SELECT campaign_id, deadline, currency FROM ${schema}.campaign_closings
         WHERE tallied_at IS NULL AND tally_due_at <= $1 ORDER BY tally_due_at LIMIT 5 FOR UPDATE SKIP LOCKED`,
        [this.pledges.now()],
      );
      for (const closing of due.rows) {
        const ids = await client.query<{ pledge_id: string }>(
          `SELECT pledge_id FROM ${schema}.pledges WHERE campaign_id = $1 ORDER BY pledge_id`,
          [closing.campaign_id],
        );
        const states = [];
        for (const { pledge_id } of ids.rows) states.push(await this.pledges.load(pledge_id, client));
        const tallied = tally(
          closing.campaign_id,
          closing.deadline.toISOString(),
          states,
          closing.currency as Currency,
          this.pledges.now(),
        );
        await this.store.append(tallyStream(closing.campaign_id), [tallied], 'no_stream', { client });
        await client.query(`UPDATE ${schema}.campaign_closings SET tallied_at = $2 WHERE campaign_id = $1`, [
          closing.campaign_id,
          this.pledges.now(),
        ]);
      }
    });
  }

  /**
   * A succeeded campaign's collection is over when none of its pledges is still being collected:
   * CampaignCollectionClosed, with what was collected (refunded since included: an all-or-nothing
   * pledge is refunded only once collected, and the payout side counts refunds apart) and what was
   * dropped, appended once and published by the outbox.
   */
  private async closeFinishedCollections(): Promise<void> {
    const schema = this.store.schema;
    await inTransaction(this.store.pool, async (client) => {
      const due = await client.query<{ campaign_id: string; currency: string }>(
        `SELECT c.campaign_id, c.currency FROM ${schema}.campaign_collections c
         WHERE c.closed_at IS NULL AND NOT EXISTS (
           SELECT 1 FROM ${schema}.pledges p WHERE p.campaign_id = c.campaign_id AND p.status = ANY($1))
         ORDER BY c.succeeded_at LIMIT 5 FOR UPDATE SKIP LOCKED`,
        [BEING_COLLECTED],
      );
      for (const { campaign_id: campaignId, currency } of due.rows) {
        const sums = await client.query<{ outcome: string; count: string; amount: string }>(
          `SELECT CASE WHEN status = 'dropped' THEN 'dropped' ELSE 'collected' END AS outcome,
                  count(*) AS count, sum(amount) AS amount
           FROM ${schema}.pledges
           WHERE campaign_id = $1 AND funding_model = 'all_or_nothing'
             AND status IN ('collected', 'refunded', 'dropped')
           GROUP BY 1`,
          [campaignId],
        );
        const sumOf = (outcome: string): PledgeSum => {
          const row = sums.rows.find((r) => r.outcome === outcome);
          return { count: Number(row?.count ?? 0), amount: { amount: Number(row?.amount ?? 0), currency: currency as Currency } };
        };
        const closed: CampaignCollectionClosed = {
          type: 'CampaignCollectionClosed',
          data: {
            campaignId,
            collected: sumOf('collected'),
            dropped: sumOf('dropped'),
            closedAt: this.pledges.now().toISOString(),
          },
        };
        await this.store.append(collectionStream(campaignId), [closed], 'no_stream', { client });
        await client.query(`UPDATE ${schema}.campaign_collections SET closed_at = $2 WHERE campaign_id = $1`, [
          campaignId,
          this.pledges.now(),
        ]);
      }
    });
  }
}
