import type { PoolClient } from 'pg';
import { inTransaction, type PostgresEventStore } from '@elan/event-store';
import type { Currency } from '@elan/domain-kernel';
import { tally } from '../pledge';
import type { PledgeApplication } from '../application/pledge-application';

/** Stream of a campaign's tally: one event, appended once (`no_stream`), published by the outbox. */
export const tallyStream = (campaignId: string): string => `tally-${campaignId}`;

const BATCH = 100;

/**
 * The pledge service's clock-driven work, read from its own tables rather than from timers, so a
 * restart resumes it: unfinished checkouts past their timeout are abandoned (their tier unit goes
 * back), tallies fall due once the deadline's grace period passed (ADR 0008), and declined
 * collections whose retry window closed are dropped. Rows are taken `FOR UPDATE SKIP LOCKED`:
 * replicas share the work, each item is done once.
 */
export class PledgeSweeper {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private running = false;

  constructor(
    private readonly store: PostgresEventStore,
    private readonly pledges: PledgeApplication,
    private readonly options: {
      readonly checkoutTimeoutMs: number;
      readonly intervalMs: number;
      readonly onError: (error: unknown) => void;
    },
  ) {}

  async start(): Promise<void> {
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
  }

  /** One pass over every kind of due work; exposed for tests that drive time themselves. */
  async sweep(): Promise<void> {
    await this.abandonStaleCheckouts();
    await this.tallyDueCampaigns();
    await this.dropClosedWindows();
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.round = this.sweep()
        .catch(this.options.onError)
        .finally(() => this.schedule(this.options.intervalMs));
    }, delayMs);
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
}
