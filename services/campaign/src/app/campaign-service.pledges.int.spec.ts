import { Pool } from 'pg';
import {
  cancelCampaign,
  getCampaign,
  pledgeChanged,
  pledgeCollected,
  pledgeCommitted,
  pledgeWithdrawn,
  reserveTierUnit,
  tierUnitReleased,
  type PayloadOf,
} from '@elan/contracts';
import { IllegalStateError, eur, uuidv7 } from '@elan/domain-kernel';
import { ELAN_STREAM } from '@elan/messaging';
import { testDatabaseUrl, waitUntil } from '@elan/testing';
import { CAMPAIGN_PLEDGES } from '../pledges';
import { PledgeStreams, publish, talliedMessage, type PledgeMessage } from '../pledges/test/pledge-publisher';
import { approvedCampaign, pageOnceIn } from './test/campaign-requests';
import { startCampaignTestbed, type CampaignTestbed } from './test/campaign-service.testbed';

const CONTRIBUTOR = uuidv7();
const noTip = { amount: eur(0) };

/**
 * The `campaign-pledges` consumer in the running service (two replicas), fed real JetStream
 * messages with the headers the pledge service's outbox relay sets: duplicated and reordered
 * deliveries must leave the totals and the tier stock as one in-order delivery would.
 */
describe('the campaign service’s campaign-pledges consumer (real PostgreSQL and NATS)', () => {
  let bed: CampaignTestbed;
  let pool: Pool;
  const streams = new PledgeStreams();

  beforeAll(async () => {
    bed = await startCampaignTestbed(2);
    pool = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
  });
  afterAll(async () => {
    await pool?.end();
    await bed?.close();
  });

  const liveCampaign = async (fundingModel: 'all_or_nothing' | 'keep_it_all') => {
    const campaign = await approvedCampaign(bed.requests, {
      fundingModel,
      quantityLimit: 5,
      startsInMs: 1_500,
      durationMs: 60_000,
    });
    await pageOnceIn(bed.requests, campaign.campaignId, 'live', 8_000);
    return campaign;
  };
  const hold = async (campaignId: string, tierId: string, pledgeId: string): Promise<string> => {
    const reservation = await bed.requests.request(reserveTierUnit, { campaignId, tierId, pledgeId });
    if (reservation.outcome !== 'reserved') throw new Error('the tier should have units left');
    return reservation.reservationId;
  };
  const committed = (
    pledge: Omit<PayloadOf<typeof pledgeCommitted>, 'fundingModel' | 'tip' | 'contributorRef' | 'committedAt'>,
    fundingModel: 'all_or_nothing' | 'keep_it_all',
  ): PledgeMessage =>
    streams.next(`pledge-${pledge.pledgeId}`, pledgeCommitted, {
      ...pledge,
      fundingModel,
      tip: noTip,
      contributorRef: CONTRIBUTOR,
      committedAt: new Date().toISOString(),
    });
  /** Every message published was settled (none pending, none waiting for an ack) and `handled` events are in the inbox. */
  const settled = (handled: number) =>
    waitUntil(
      async () => {
        const info = await (await bed.nc.jetstreamManager()).consumers.info(ELAN_STREAM, CAMPAIGN_PLEDGES);
        const { rows } = await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${bed.schema}.inbox WHERE consumer = $1 AND outcome = 'handled'`,
          [CAMPAIGN_PLEDGES],
        );
        return info.num_pending === 0 && info.num_ack_pending === 0 && rows[0]?.n === handled;
      },
      { timeoutMs: 15_000, description: `${handled} pledge events handled and every delivery settled` },
    );
  const stockEvents = async (campaignId: string) =>
    (
      await pool.query<{ type: string; pledge_id: string }>(
        `SELECT type, data->>'pledgeId' AS pledge_id FROM ${bed.schema}.events
         WHERE stream_id LIKE $1 AND type <> 'TierUnitReserved' ORDER BY global_position`,
        [`tierstock-${campaignId}_%`],
      )
    ).rows;

  it('counts committed, changed, collected and withdrawn pledges once, whatever the duplicates and the order', async () => {
    const { campaignId, tierId } = await liveCampaign('all_or_nothing');
    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    const [holdA, holdC] = [await hold(campaignId, tierId, a), await hold(campaignId, tierId, c)];
    const aCommitted = committed(
      { pledgeId: a, campaignId, amount: eur(3_000), tierId, holdId: holdA, charged: false },
      'all_or_nothing',
    );
    const aCollected = streams.next(`pledge-${a}`, pledgeCollected, {
      pledgeId: a,
      campaignId,
      amount: eur(3_000),
      tip: noTip,
      paymentIntentId: 'pi_a',
      collectedAt: new Date().toISOString(),
    });
    const bCommitted = committed({ pledgeId: b, campaignId, amount: eur(5_000), charged: false }, 'all_or_nothing');
    const bChanged = streams.next(`pledge-${b}`, pledgeChanged, {
      pledgeId: b,
      campaignId,
      previousAmount: eur(5_000),
      amount: eur(7_000),
      changedAt: new Date().toISOString(),
    });
    const cCommitted = committed(
      { pledgeId: c, campaignId, amount: eur(2_500), tierId, holdId: holdC, charged: false },
      'all_or_nothing',
    );
    const cWithdrawn = streams.next(`pledge-${c}`, pledgeWithdrawn, {
      pledgeId: c,
      campaignId,
      reason: 'cancelled',
      amount: eur(2_500),
      tip: noTip,
      charged: false,
      withdrawnAt: new Date().toISOString(),
    });
    const cReleased = streams.next(`pledge-${c}`, tierUnitReleased, {
      pledgeId: c,
      campaignId,
      tierId,
      holdId: holdC,
      reason: 'cancelled',
    });

    const js = bed.nc.jetstream();
    // Later events before earlier ones of the same pledge, and copies past JetStream's de-duplication.
    await publish(js, bChanged);
    await publish(js, cReleased);
    await publish(js, aCommitted);
    await publish(js, aCommitted, 'again');
    await publish(js, cWithdrawn);
    await publish(js, bCommitted);
    await publish(js, cCommitted);
    await publish(js, cReleased, 'again');
    await publish(js, aCollected);
    await publish(js, bCommitted, 'again');
    await settled(7);

    const page = await bed.requests.request(getCampaign, { campaignId });
    expect(page).toMatchObject({ committed: eur(10_000), raised: eur(3_000), backers: 2, percentOfGoal: 2 });
    // The tier's units come from the stock's stream through the read models' projection: soon.
    await waitUntil(async () => (await bed.requests.request(getCampaign, { campaignId })).tiers[0]?.unitsTaken === 1, {
      timeoutMs: 5_000,
      description: 'the page shows C’s unit back in stock',
    });
    // Each unit confirmed once and C's released once, however often their events came.
    expect(await stockEvents(campaignId)).toEqual([
      { type: 'TierUnitConfirmed', pledge_id: a },
      { type: 'TierUnitConfirmed', pledge_id: c },
      { type: 'TierUnitReleased', pledge_id: c },
    ]);
  });

  it('raises what keep-it-all charged, takes back what was refunded, and counts a pledge whose unit the stock refused', async () => {
    const { campaignId, tierId } = await liveCampaign('keep_it_all');
    const [d, e, f] = [uuidv7(), uuidv7(), uuidv7()];
    const js = bed.nc.jetstream();
    await publish(
      js,
      committed({ pledgeId: d, campaignId, amount: eur(4_000), charged: true, paymentIntentId: 'pi_d' }, 'keep_it_all'),
    );
    await publish(
      js,
      committed({ pledgeId: e, campaignId, amount: eur(1_000), charged: true, paymentIntentId: 'pi_e' }, 'keep_it_all'),
    );
    await publish(
      js,
      streams.next(`pledge-${e}`, pledgeWithdrawn, {
        pledgeId: e,
        campaignId,
        reason: 'refunded',
        amount: eur(1_000),
        tip: noTip,
        charged: true,
        paymentIntentId: 'pi_e',
        withdrawnAt: new Date().toISOString(),
      }),
    );
    // F names a hold it never had: paid for all the same, so it counts; its unit is not confirmed.
    await publish(
      js,
      committed(
        { pledgeId: f, campaignId, amount: eur(2_000), tierId, holdId: uuidv7(), charged: true, paymentIntentId: 'pi_f' },
        'keep_it_all',
      ),
    );
    await settled(11);

    await expect(bed.requests.request(getCampaign, { campaignId })).resolves.toMatchObject({
      committed: eur(6_000),
      raised: eur(6_000),
      backers: 2,
    });
    expect(await stockEvents(campaignId)).toEqual([]);
  });

  it('decides the outcome on the first tally of a closing campaign, and refuses to cancel it meanwhile', async () => {
    const { campaignId, owner } = await approvedCampaign(bed.requests, { startsInMs: 1_500, durationMs: 1_500 });
    const closing = await pageOnceIn(bed.requests, campaignId, 'closing', 8_000);
    await expect(bed.requests.request(cancelCampaign, { actor: owner, campaignId, reason: 'Trop tard.' })).rejects.toThrow(
      IllegalStateError,
    );

    const deadline = closing.deadline ?? '';
    const js = bed.nc.jetstream();
    const tally = talliedMessage(streams, campaignId, deadline, [
      { pledgeId: uuidv7(), amount: 300_000 },
      { pledgeId: uuidv7(), amount: 200_000 },
    ]);
    // The same tally twice, then a different one from the same stream: only the first counts.
    await publish(js, tally);
    await publish(js, tally, 'again');
    await publish(js, talliedMessage(streams, campaignId, deadline, [{ pledgeId: uuidv7(), amount: 1 }]));
    await settled(13);
    await expect(pageOnceIn(bed.requests, campaignId, 'succeeded', 8_000)).resolves.toMatchObject({
      committed: eur(500_000),
      backers: 2,
      percentOfGoal: 100,
    });
    const outcomes = await pool.query(
      `SELECT type FROM ${bed.schema}.events WHERE stream_id = $1 AND type IN ('CampaignSucceeded', 'CampaignFailed')`,
      [`campaign-${campaignId}`],
    );
    expect(outcomes.rows).toEqual([{ type: 'CampaignSucceeded' }]);
  });
});
