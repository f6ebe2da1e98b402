import { getPledgeCheckpoints, getPledgeStreamLinks } from '@elan/contracts';
import { ValidationError } from '@elan/domain-kernel';
import { checkExtends, historyOf, verifyCheckpoint } from '@elan/transparency';
import { PledgeHolderTestbed } from './pledge-holder.testbed';

/**
 * The pledge log's signed checkpoints and its streams' links, asked over NATS of the real pledge
 * service (ADR 0025): what the gateway serves at /api/transparency.
 */
describe('the pledge service’s transparency requests (real PostgreSQL and NATS)', () => {
  let bed: PledgeHolderTestbed;
  let pledgeId: string;

  beforeAll(async () => {
    bed = await PledgeHolderTestbed.start();
    const campaignId = bed.campaign('0195f0a0-0000-7000-8000-00000000a001');
    pledgeId = await bed.pledge(campaignId, {
      contributor: { kind: 'account', accountId: '0195f0a0-0000-7000-8000-00000000a002' },
      name: 'Alex Martin',
      email: 'alex@example.org',
      showName: true,
      amount: 3_000,
      tip: 300,
    });
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('answers signed checkpoints of the pledge streams with the key they verify under', async () => {
    const issued = await bed.service.parts.transparency.issuer.issueNow();
    const answer = await bed.requests.request(getPledgeCheckpoints, { limit: 100 });

    expect(answer.log).toBe('elan/pledge');
    expect(answer.key).toMatchObject({ algorithm: 'Ed25519', keyId: issued.keyId });
    expect(answer.latest).toEqual(issued);
    expect(answer.checkpoints[answer.checkpoints.length - 1]).toEqual(issued);
    expect(answer.checkpoints.every((signed) => verifyCheckpoint(signed, answer.key.publicKeyPem))).toBe(true);
    expect(issued.checkpoint.heads.map((head) => head.streamId)).toEqual([`pledge-${pledgeId}`]);
    // after and limit page through them; limit 0 answers the latest and the key only.
    expect(
      (await bed.requests.request(getPledgeCheckpoints, { after: issued.checkpoint.sequence, limit: 10 })).checkpoints,
    ).toEqual([]);
    expect(await bed.requests.request(getPledgeCheckpoints, { limit: 0 })).toEqual({ ...answer, checkpoints: [] });
  });

  it('answers a pledge stream’s links, without event data, consistent with the checkpoint', async () => {
    const { latest } = await bed.requests.request(getPledgeCheckpoints, { limit: 0 });
    const streamId = `pledge-${pledgeId}`;
    const { links } = await bed.requests.request(getPledgeStreamLinks, { streamId, from: 1, limit: 100 });

    expect(links.length).toBeGreaterThanOrEqual(1);
    expect(links.map((link) => link.position)).toEqual(links.map((_, i) => i + 1));
    expect(Object.keys(links[0] ?? {}).sort()).toEqual(['hash', 'occurredAt', 'position', 'type']);
    expect(JSON.stringify(links)).not.toContain('alex');
    const history = historyOf(latest?.checkpoint.heads ?? [], { [streamId]: links });
    expect(checkExtends(latest!.checkpoint, history)).toEqual([]);
    expect((await bed.requests.request(getPledgeStreamLinks, { streamId, from: 2, limit: 1 })).links).toEqual(links.slice(1, 2));
    expect((await bed.requests.request(getPledgeStreamLinks, { streamId: 'pledge-none', from: 1, limit: 10 })).links).toEqual([]);
  });

  it.each(['tip-0195f0a0', 'tally-0195f0a0', 'pledge-'])('refuses the links of %s as a validation error', async (streamId) => {
    await expect(bed.requests.request(getPledgeStreamLinks, { streamId, from: 1, limit: 10 })).rejects.toThrow(ValidationError);
  });
});
