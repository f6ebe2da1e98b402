import type { PoolClient } from 'pg';
import { campaignCancelled, campaignDeadlineReached, campaignFailed, campaignSucceeded } from '@elan/contracts';
import { on, type IntegrationEventHandler } from '@elan/messaging';
import type { PledgeApplication } from '../application/pledge-application';

/** Pledges of a campaign in some statuses, by id, oldest first. */
const pledgesOf = async (client: PoolClient, schema: string, campaignId: string, statuses: readonly string[]) =>
  (
    await client.query<{ pledge_id: string; funding_model: string; status: string }>(
      `SELECT pledge_id, funding_model, status FROM ${schema}.pledges
       WHERE campaign_id = $1 AND status = ANY($2) ORDER BY placed_at, pledge_id`,
      [campaignId, statuses],
    )
  ).rows;

const UNFINISHED = ['placed', 'awaiting_payment', 'awaiting_card_setup', 'payment_failed'];

/**
 * What the campaign's life means for its pledges. At the deadline, a tally is due once the grace
 * period for webhooks in flight has passed (ADR 0008; the sweeper publishes it). At success,
 * every committed all-or-nothing pledge is collected; at failure or cancellation, none is charged
 * and unfinished checkouts end; at cancellation, paid keep-it-all pledges are refunded, tips included. Each runs in the consumer's inbox transaction: exactly once.
 */
export const campaignEventHandlers = (
  pledges: PledgeApplication,
  schema: string,
  tallyGraceMs: number,
): IntegrationEventHandler[] => {
  const endUnfinished = async (client: PoolClient, campaignId: string): Promise<void> => {
    for (const { pledge_id: pledgeId } of await pledgesOf(client, schema, campaignId, UNFINISHED))
      await pledges.execute({ type: 'AbandonPledge', data: { pledgeId }, metadata: {} }, client);
  };
  /** Failed: saved cards are released. Cancelled: saved cards too, and paid keep-it-all pledges refunded. */
  const release = async (client: PoolClient, campaignId: string, reason: 'campaign_failed' | 'campaign_cancelled') => {
    for (const { pledge_id: pledgeId, funding_model } of await pledgesOf(client, schema, campaignId, [
      'committed',
      'refund_requested',
    ]))
      if (funding_model === 'all_or_nothing' || reason === 'campaign_cancelled')
        await pledges.execute({ type: 'ReleasePledge', data: { pledgeId, reason }, metadata: {} }, client);
    await endUnfinished(client, campaignId);
  };
  return [
    on(campaignDeadlineReached, async ({ campaignId, deadline, goal }, { client }) => {
      await client.query(
        `INSERT INTO ${schema}.campaign_closings (campaign_id, deadline, currency, tally_due_at)
         VALUES ($1, $2, $3, $2::timestamptz + make_interval(secs => $4::double precision / 1000))
         ON CONFLICT (campaign_id) DO NOTHING`,
        [campaignId, deadline, goal.currency, tallyGraceMs],
      );
    }),
    on(campaignSucceeded, async ({ campaignId, committedTotal }, { client }) => {
      for (const { pledge_id: pledgeId, funding_model } of await pledgesOf(client, schema, campaignId, ['committed']))
        if (funding_model === 'all_or_nothing')
          await pledges.execute({ type: 'RequestCollection', data: { pledgeId }, metadata: {} }, client);
      await endUnfinished(client, campaignId);
      // The sweeper closes the collection (CampaignCollectionClosed) once no pledge is left being collected.
      await client.query(
        `INSERT INTO ${schema}.campaign_collections (campaign_id, currency, succeeded_at) VALUES ($1, $2, $3)
         ON CONFLICT (campaign_id) DO NOTHING`,
        [campaignId, committedTotal.currency, pledges.now()],
      );
    }),
    on(campaignFailed, async ({ campaignId }, { client }) => release(client, campaignId, 'campaign_failed')),
    on(campaignCancelled, async ({ campaignId }, { client }) => release(client, campaignId, 'campaign_cancelled')),
  ];
};
