import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPeerCredentials, natsSeedFromEnv, publicKeyOfSeed } from './nats-credentials';
import { renderNatsAuthorization } from './nats-authorization';
import { PEER_PERMISSIONS } from './nats-peers';

describe('NATS peers', () => {
  it('let only the gateway send requests, and each service publish only its own events', () => {
    expect(PEER_PERMISSIONS.gateway.publish.filter((s) => !s.startsWith('$JS.'))).toEqual(['rpc.>', 'elan.gateway.>']);
    expect(PEER_PERMISSIONS.gateway.publish.filter((s) => s.startsWith('$JS.'))).toEqual(
      PEER_PERMISSIONS.campaign.publish.filter((s) => s.startsWith('$JS.API.INFO') || s.startsWith('$JS.API.STREAM.')),
    );
    // It answers one request, in its queue group: where an account's mail goes (ADR 0031).
    expect(PEER_PERMISSIONS.gateway.subscribe).toEqual(['_INBOX.gateway.>', 'rpc.gateway.GetAccountRecipient.v1 gateway']);
    for (const service of ['campaign', 'pledge', 'tipping', 'payout', 'notification'] as const)
      expect(PEER_PERMISSIONS[service].publish).not.toContain('rpc.>');
    expect(PEER_PERMISSIONS.campaign.publish.filter((s) => !s.startsWith('$JS.') && !s.startsWith('dlq.'))).toEqual([
      'elan.campaign.>',
    ]);
    expect(PEER_PERMISSIONS.tipping.publish.filter((s) => !s.startsWith('$JS.') && !s.startsWith('dlq.'))).toEqual([
      'elan.tipping.>',
    ]);
    expect(
      PEER_PERMISSIONS.payout.publish.filter((s) => !s.startsWith('$JS.') && !s.startsWith('dlq.') && !s.startsWith('rpc.')),
    ).toEqual(['elan.payout.>']);
    // The reconciliation (ADR 0028) asks the pledge and tipping services five exact questions, nothing else.
    expect(PEER_PERMISSIONS.payout.publish.filter((s) => s.startsWith('rpc.'))).toEqual([
      'rpc.pledge.GetPledgePaymentFacts.v1',
      'rpc.pledge.VerifyMoneyStreams.v1',
      'rpc.tipping.GetTipPaymentFacts.v1',
      'rpc.tipping.VerifyMoneyStreams.v1',
      'rpc.tipping.GetTipLedger.v1',
    ]);
    // The payout service consumes the gateway's Stripe events with its own durable consumer.
    expect(PEER_PERMISSIONS.payout.publish).toContain('$JS.API.CONSUMER.MSG.NEXT.ELAN.payout-stripe');
    expect(PEER_PERMISSIONS.payout.publish).toContain('dlq.elan.gateway.>');
    // …and the pledges' and campaigns' events its statements are drawn on (issue #11).
    expect(PEER_PERMISSIONS.payout.publish).toContain('$JS.API.CONSUMER.MSG.NEXT.ELAN.payout-pledges');
    expect(PEER_PERMISSIONS.payout.publish).toContain('$JS.API.CONSUMER.MSG.NEXT.ELAN.payout-campaigns');
    expect(PEER_PERMISSIONS.payout.publish).toContain('dlq.elan.pledge.>');
    expect(PEER_PERMISSIONS.payout.publish.join(' ')).not.toMatch(/pledge-stripe|rpc\.>|rpc\.campaign/);
    expect(PEER_PERMISSIONS.payout.subscribe).toEqual(['rpc.payout.> payout', '_INBOX.payout.>']);
    // The pledge service asks the campaign two exact questions (ADR 0007), nothing else.
    expect(PEER_PERMISSIONS.pledge.publish.filter((s) => s.startsWith('rpc.'))).toEqual([
      'rpc.campaign.GetPledgeTerms.v1',
      'rpc.campaign.ReserveTierUnit.v1',
    ]);
    // Each service drives only its own durable consumers.
    expect(PEER_PERMISSIONS.campaign.publish).toContain('$JS.API.CONSUMER.MSG.NEXT.ELAN.campaign-pledges');
    expect(PEER_PERMISSIONS.campaign.publish).toContain('$JS.API.CONSUMER.MSG.NEXT.ELAN.campaign-payouts');
    expect(PEER_PERMISSIONS.campaign.publish.join(' ')).not.toMatch(/pledge-campaigns|tipping-pledges/);
    expect(PEER_PERMISSIONS.campaign.subscribe).toEqual(['rpc.campaign.> campaign', '_INBOX.campaign.>']);
    expect(PEER_PERMISSIONS.campaign.answersRequests).toBe(true);
    expect(PEER_PERMISSIONS.gateway.answersRequests).toBe(true);
    // The notification service asks the owners of its recipients two exact questions, nothing else.
    expect(PEER_PERMISSIONS.notification.publish.filter((s) => s.startsWith('rpc.'))).toEqual([
      'rpc.pledge.GetPledgeRecipient.v1',
      'rpc.gateway.GetAccountRecipient.v1',
    ]);
    expect(
      PEER_PERMISSIONS.notification.publish.filter(
        (s) => !s.startsWith('$JS.') && !s.startsWith('dlq.') && !s.startsWith('rpc.'),
      ),
    ).toEqual(['elan.notification.>']);
  });

  it('render an authorization block that holds public keys and no seed', () => {
    const credentials = createPeerCredentials();
    const block = renderNatsAuthorization(credentials);
    for (const { publicKey, seed } of credentials) {
      expect(block).toContain(`nkey: "${publicKey}"`);
      expect(block).not.toContain(seed);
    }
    expect(block).toContain('allow_responses: true');
    expect(block).not.toMatch(/"SU[A-Z0-9]+"/);
  });
});

describe('natsSeedFromEnv', () => {
  const [campaign] = createPeerCredentials(['campaign']);
  if (!campaign) throw new Error('no credentials');

  it('refuses to start in production without a seed, naming the variables', () => {
    expect(() => natsSeedFromEnv({ NODE_ENV: 'production' })).toThrow(
      /NATS_NKEY_SEED or NATS_NKEY_SEED_FILE is required when NODE_ENV=production/,
    );
  });

  it('lets tests run on an open server without a seed', () => {
    expect(natsSeedFromEnv({ NODE_ENV: 'test' })).toBeUndefined();
  });

  it('reads the seed inline or from a mounted secret file', () => {
    expect(natsSeedFromEnv({ NODE_ENV: 'production', NATS_NKEY_SEED: campaign.seed })).toBe(campaign.seed);
    const file = join(mkdtempSync(join(tmpdir(), 'elan-seed-')), 'campaign.nkey');
    writeFileSync(file, `${campaign.seed}\n`, { mode: 0o600 });
    const seed = natsSeedFromEnv({ NODE_ENV: 'production', NATS_NKEY_SEED_FILE: file });
    expect(seed).toBe(campaign.seed);
    expect(publicKeyOfSeed(seed ?? '')).toBe(campaign.publicKey);
  });

  it('refuses a value that is not a user seed without echoing it', () => {
    const notASeed = 'SUNOTAREALSEEDATALL';
    let message = '';
    try {
      natsSeedFromEnv({ NATS_NKEY_SEED: notASeed });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toMatch(/^NATS_NKEY_SEED: not a valid NATS user seed/);
    expect(message).not.toContain(notASeed);
    expect(() => natsSeedFromEnv({ NATS_NKEY_SEED: campaign.publicKey })).toThrow(/starts with SU/);
    expect(() => natsSeedFromEnv({ NATS_NKEY_SEED: campaign.seed, NATS_NKEY_SEED_FILE: '/nowhere' })).toThrow(/not both/);
  });
});
