/**
 * One valid and one invalid payload for each transparency request, in the shape of the catalog
 * test's samples (test data only).
 */
const HASH = 'a'.repeat(64);
const OTHER = '0123456789abcdef'.repeat(4);
const KEY_ID = '3f2a9c41d07be815';
const SIGNATURE = `${'A'.repeat(85)}w`;
const PLEDGE_STREAM = 'pledge-0195f0a0-0000-7000-8000-00000000f001';
const TIP_STREAM = 'tip-0195f0a0-0000-7000-8000-00000000f001';
const PAYOUT_STREAM = 'payoutledger-0195f0a0-0000-7000-8000-00000000c001';

interface Invalid {
  readonly field: string;
  readonly payload: unknown;
}
type Sample = { request: { valid: unknown; invalid: Invalid }; reply: { valid: unknown[]; invalid: Invalid } };

const signed = (log: string, streamId: string) => ({
  checkpoint: { log, sequence: 3, issuedAt: '2026-12-02T10:00:00.000Z', heads: [{ streamId, position: 4, hash: HASH }] },
  keyId: KEY_ID,
  signature: SIGNATURE,
});
const key = {
  keyId: KEY_ID,
  algorithm: 'Ed25519',
  publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMCow…\n-----END PUBLIC KEY-----\n',
};

const checkpoints = (log: string, streamId: string): Sample => ({
  request: { valid: { after: 2, limit: 10 }, invalid: { field: 'limit', payload: { limit: 101 } } },
  reply: {
    valid: [
      { log, key, latest: signed(log, streamId), checkpoints: [signed(log, streamId)] },
      { log, key, latest: null, checkpoints: [] },
    ],
    invalid: {
      field: 'latest.checkpoint.heads.0.hash',
      payload: {
        log,
        key,
        latest: {
          ...signed(log, streamId),
          checkpoint: { ...signed(log, streamId).checkpoint, heads: [{ streamId, position: 1, hash: 'AB' }] },
        },
        checkpoints: [],
      },
    },
  },
});

const links = (streamId: string, other: string): Sample => ({
  request: {
    valid: { streamId, from: 1, limit: 100 },
    invalid: { field: 'streamId', payload: { streamId: other, from: 1, limit: 100 } },
  },
  reply: {
    valid: [
      {
        streamId,
        links: [
          { position: 1, hash: HASH, type: 'PledgePlaced', occurredAt: '2026-12-02T09:00:00.000Z' },
          { position: 2, hash: OTHER, type: 'PledgeCommitted', occurredAt: '2026-12-02T09:00:01.250Z' },
        ],
      },
      { streamId, links: [] },
    ],
    invalid: {
      field: 'links.0.position',
      payload: { streamId, links: [{ position: 0, hash: HASH, type: 'PledgePlaced', occurredAt: '2026-12-02T09:00:00.000Z' }] },
    },
  },
});

export const transparencyRequestSamples: Record<string, Sample> = {
  'rpc.pledge.GetCheckpoints.v1': checkpoints('elan/pledge', PLEDGE_STREAM),
  'rpc.tipping.GetCheckpoints.v1': checkpoints('elan/tipping', TIP_STREAM),
  'rpc.pledge.GetStreamLinks.v1': links(PLEDGE_STREAM, TIP_STREAM),
  'rpc.tipping.GetStreamLinks.v1': links(TIP_STREAM, 'campaign-0195f0a0'),
  'rpc.payout.GetCheckpoints.v1': checkpoints('elan/payout', PAYOUT_STREAM),
  'rpc.payout.GetStreamLinks.v1': links(PAYOUT_STREAM, 'payoutaccount-0195f0a0-0000-7000-8000-00000000a001'),
};
