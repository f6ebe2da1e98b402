import { getTipCheckpoints, getTipStreamLinks, pledgeCommitted } from '@elan/contracts';
import { ValidationError } from '@elan/domain-kernel';
import { waitUntil } from '@elan/testing';
import { verifyCheckpoint } from '@elan/transparency';
import { aPledge, committed } from './test/pledge-events';
import { TippingTestbed } from './test/tipping.testbed';

/**
 * The tipping log's signed checkpoints and its tip streams' links, asked over NATS of the real
 * tipping service (ADR 0025).
 */
describe('the tipping service’s transparency requests (real PostgreSQL and NATS)', () => {
  let bed: TippingTestbed;
  const pledge = aPledge({ tip: 300 });
  const streamId = `tip-${pledge.pledgeId}`;

  beforeAll(async () => {
    bed = await TippingTestbed.start({ stripe: false });
    await bed.publisher(pledge).publish(pledgeCommitted, committed(pledge, '2026-10-15T12:00:00.000Z', 'all_or_nothing'));
    await waitUntil(() => bed.consumerCaughtUp(), { timeoutMs: 10_000, description: 'the pledge event is handled' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('answers signed checkpoints of the tip streams, and the links of one', async () => {
    const issued = await bed.service.parts.transparency.issuer.issueNow();
    const answer = await bed.requests.request(getTipCheckpoints, { limit: 100 });

    expect(answer).toMatchObject({ log: 'elan/tipping', latest: issued, key: { keyId: issued.keyId, algorithm: 'Ed25519' } });
    expect(verifyCheckpoint(answer.latest, answer.key.publicKeyPem)).toBe(true);
    const head = issued.checkpoint.heads.find((candidate) => candidate.streamId === streamId);
    expect(head).toBeDefined();

    const { links } = await bed.requests.request(getTipStreamLinks, { streamId, from: 1, limit: 100 });
    expect(links[links.length - 1]).toMatchObject({ position: head?.position, hash: head?.hash });
  });

  it.each([`pledge-${pledge.pledgeId}`, 'campaign-1'])('refuses the links of %s as a validation error', async (other) => {
    await expect(bed.requests.request(getTipStreamLinks, { streamId: other, from: 1, limit: 10 })).rejects.toThrow(
      ValidationError,
    );
  });
});
