import { performance } from 'node:perf_hooks';
import { getCampaign, reserveTierUnit, type ReplyOf } from '@elan/contracts';
import { IllegalStateError, NotFoundError, uuidv7 } from '@elan/domain-kernel';
import { waitUntil } from '@elan/testing';
import { approvedCampaign, pageOnceIn } from './test/campaign-requests';
import { startCampaignTestbed, type CampaignTestbed } from './test/campaign-service.testbed';

type Reservation = ReplyOf<typeof reserveTierUnit>;

/**
 * Tier stock without overselling, end to end over NATS: the pledge service's ReserveTierUnit
 * requests shared by two replicas, each deciding under the tier's PostgreSQL lock (ADR 0007).
 */
describe('ReserveTierUnit through NATS on two replicas (real PostgreSQL and NATS)', () => {
  let bed: CampaignTestbed;
  let campaignId: string;
  let tierId: string;

  beforeAll(async () => {
    bed = await startCampaignTestbed(2);
    // Live for a minute: long enough for the rush, short enough for the test rules.
    ({ campaignId, tierId } = await approvedCampaign(bed.requests, {
      quantityLimit: 100,
      startsInMs: 2_000,
      durationMs: 60_000,
    }));
    await pageOnceIn(bed.requests, campaignId, 'live', 8_000);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('gives exactly 100 units of a 100-unit tier to 500 concurrent requests, and a clean sold_out to the other 400', async () => {
    const started = performance.now();
    const outcomes: Reservation[] = await Promise.all(
      Array.from({ length: 500 }, () =>
        bed.requests.request(reserveTierUnit, { campaignId, tierId, pledgeId: uuidv7() }, { timeoutMs: 60_000 }),
      ),
    );
    const tookMs = Math.round(performance.now() - started);

    expect(outcomes.filter((o) => o.outcome === 'reserved')).toHaveLength(100);
    expect(outcomes.filter((o) => o.outcome === 'sold_out')).toHaveLength(400);
    const reservationIds = outcomes.flatMap((o) => (o.outcome === 'reserved' ? [o.reservationId] : []));
    expect(new Set(reservationIds).size).toBe(100);

    // Both replicas of the queue group took a share of the rush.
    const answered = bed.replicas.map((replica) => replica.answered.count(reserveTierUnit.subject));
    expect(answered.reduce((sum, n) => sum + n, 0)).toBe(500);
    for (const count of answered) expect(count).toBeGreaterThan(0);
    process.stdout.write(
      `\n  500 reservations through NATS in ${tookMs} ms, answered by the replicas as ${answered.join(' + ')}\n`,
    );

    // The campaign page catches up: the tier shows no unit left.
    await waitUntil(
      async () => {
        const [tier] = (await bed.requests.request(getCampaign, { campaignId })).tiers;
        return tier?.unitsTaken === 100 && tier.remainingUnits === 0;
      },
      { timeoutMs: 10_000, description: 'the campaign page shows the tier sold out' },
    );
  });

  it('answers a retry of the same pledge with the unit it already holds', async () => {
    const { campaignId: other, tierId: otherTier } = await approvedCampaign(bed.requests, {
      quantityLimit: 1,
      startsInMs: 1_500,
      durationMs: 60_000,
    });
    await pageOnceIn(bed.requests, other, 'live', 8_000);
    const pledgeId = uuidv7();
    const first = await bed.requests.request(reserveTierUnit, { campaignId: other, tierId: otherTier, pledgeId });
    expect(first.outcome).toBe('reserved');
    await expect(bed.requests.request(reserveTierUnit, { campaignId: other, tierId: otherTier, pledgeId })).resolves.toEqual(
      first,
    );
    await expect(
      bed.requests.request(reserveTierUnit, { campaignId: other, tierId: otherTier, pledgeId: uuidv7() }),
    ).resolves.toEqual({
      outcome: 'sold_out',
    });
  });

  it('answers not_found for an unknown tier, and illegal_state for a campaign not live yet', async () => {
    await expect(bed.requests.request(reserveTierUnit, { campaignId, tierId: uuidv7(), pledgeId: uuidv7() })).rejects.toThrow(
      NotFoundError,
    );
    const upcoming = await approvedCampaign(bed.requests, { quantityLimit: 10, startsInMs: 60_000 });
    const early = bed.requests.request(reserveTierUnit, {
      campaignId: upcoming.campaignId,
      tierId: upcoming.tierId,
      pledgeId: uuidv7(),
    });
    await expect(early).rejects.toThrow(IllegalStateError);
  });
});
