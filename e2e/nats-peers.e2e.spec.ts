import { randomUUID } from 'node:crypto';
import { getCampaign } from '@elan/contracts';
import { waitUntil } from '@elan/testing';
import { ErrorCode, connect, nkeyAuthenticator, nkeys, type NatsConnection, type NatsError } from 'nats';
import { Api, type Account } from './support/api';
import { createDraft, step } from './support/campaigns';
import { REPO_ROOT, run } from './support/child-process';
import { Stack, seedBytes, type StackProcess } from './support/stack';

/** A NATS client of the stack, and the permission errors the server sent it. */
interface Peer {
  readonly nc: NatsConnection;
  readonly violations: string[];
}

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
/** A request as the gateway sends it: the packet of Nest's NATS transport (ADR 0006). */
const requestPacket = (subject: string, data: unknown): Uint8Array => encode({ pattern: subject, data, id: randomUUID() });

/**
 * Issue #7, finding 2: NATS was open, and an unauthenticated client that sent
 * `rpc.campaign.GetCampaign.v1` naming itself a moderator read a submitted campaign that is a
 * 404 to the public. Now the stack's NATS lets in only its users, each process with its own
 * NKey and subject permissions (ADR 0011): only the gateway may send requests, each service
 * answers and publishes only its own subjects.
 */
describe('NATS lets in only the stack’s processes, each on its own subjects', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let submittedId: string;
  const opened: NatsConnection[] = [];

  const connectAs = async (process: StackProcess): Promise<Peer> => {
    const nc = await connect({
      servers: stack.natsUrl,
      authenticator: nkeyAuthenticator(await seedBytes(stack.natsSeedFileOf(process))),
      inboxPrefix: `_INBOX.${process}`,
      reconnect: false,
    });
    opened.push(nc);
    const violations: string[] = [];
    void (async () => {
      for await (const status of nc.status()) if (status.type === 'error') violations.push(String(status.data));
    })();
    return { nc, violations };
  };

  const permissionViolation = (peer: Peer, what: string): Promise<true> =>
    waitUntil(() => peer.violations.includes(ErrorCode.PermissionsViolation) || undefined, {
      timeoutMs: 5_000,
      description: what,
    });

  /** What the attacker sent: the page of a submitted campaign, as a moderator would see it. */
  const moderatorLook = (): Uint8Array =>
    requestPacket(getCampaign.subject, { campaignId: submittedId, viewer: { accountId: randomUUID(), roles: ['moderator'] } });

  beforeAll(async () => {
    stack = await Stack.start('nats_peers');
    api = new Api(stack.url);
    holder = await api.register('nats-holder');
    submittedId = await createDraft(api, holder);
    await step(api, holder, submittedId, 'submit');
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(opened.map((nc) => nc.close()));
    await stack?.stop();
  });

  it('keeps a submitted campaign a 404 to the public (what the attack read)', async () => {
    await api.get(`/api/campaigns/${submittedId}`).expect(404);
  });

  it('refuses a connection without credentials', async () => {
    const refused = await connect({ servers: stack.natsUrl, reconnect: false, timeout: 5_000 }).then(
      async (nc) => {
        await nc.close();
        return undefined;
      },
      (error: NatsError) => error.code,
    );
    expect(refused).toBe(ErrorCode.AuthorizationViolation);
  });

  it('refuses a key the server does not know', async () => {
    const stranger = nkeys.createUser().getSeed();
    const refused = await connect({
      servers: stack.natsUrl,
      reconnect: false,
      timeout: 5_000,
      authenticator: nkeyAuthenticator(stranger),
    }).then(
      async (nc) => {
        await nc.close();
        return undefined;
      },
      (error: NatsError) => error.code,
    );
    expect(refused).toBe(ErrorCode.AuthorizationViolation);
  });

  it('lets the gateway’s user ask the campaign service (the request is well-formed)', async () => {
    const gateway = await connectAs('gateway');
    const reply = await gateway.nc.request(getCampaign.subject, moderatorLook(), { timeout: 10_000 });
    const packet = JSON.parse(new TextDecoder().decode(reply.data)) as { response?: { status?: string } };
    expect(packet.response?.status).toBe('submitted');
  });

  it('does not let the campaign service’s user send the request that names an actor', async () => {
    const campaign = await connectAs('campaign');
    const asked = await campaign.nc.request(getCampaign.subject, moderatorLook(), { timeout: 5_000 }).then(
      () => 'answered',
      (error: NatsError) => error.code,
    );
    expect(asked).toBe(ErrorCode.PermissionsViolation);
  });

  it('does not let the campaign service’s user listen to other subjects, or beside its queue group', async () => {
    for (const [subject, queue] of [
      ['rpc.gateway.>', undefined],
      ['rpc.pledge.>', 'pledge'],
      ['_INBOX.gateway.>', undefined],
      ['rpc.campaign.>', undefined],
    ] as const) {
      const campaign = await connectAs('campaign');
      const delivered: string[] = [];
      const sub = campaign.nc.subscribe(subject, {
        ...(queue && { queue }),
        callback: (error, msg) => {
          if (!error) delivered.push(msg.subject);
        },
      });
      await permissionViolation(campaign, `the server refuses the campaign user's subscription to ${subject}`);
      // The client ends a refused subscription; nothing reached it.
      await sub.closed.catch(() => undefined);
      expect(sub.isClosed()).toBe(true);
      expect(delivered).toEqual([]);
    }
  });

  it('does not let the campaign service’s user publish another service’s events', async () => {
    const campaign = await connectAs('campaign');
    campaign.nc.publish('elan.pledge.PledgePlaced.v1', encode({ forged: true }));
    await campaign.nc.flush();
    await permissionViolation(campaign, 'the server refuses elan.pledge.* from the campaign user');
    const stream = await (await campaign.nc.jetstreamManager()).streams.info('ELAN', { subjects_filter: 'elan.pledge.>' });
    expect(stream.state.subjects ?? {}).toEqual({});
  });

  it('does not let the gateway’s user publish the campaign service’s events', async () => {
    const gateway = await connectAs('gateway');
    gateway.nc.publish('elan.campaign.CampaignApproved.v1', encode({ forged: true }));
    await gateway.nc.flush();
    await permissionViolation(gateway, 'the server refuses elan.campaign.* from the gateway user');
    const campaign = await connectAs('campaign');
    const stream = await (
      await campaign.nc.jetstreamManager()
    ).streams.info('ELAN', { subjects_filter: 'elan.campaign.CampaignApproved.v1' });
    expect(stream.state.subjects ?? {}).toEqual({});
  });

  it.each([
    ['gateway', 'services/gateway/src/main.ts'],
    ['campaign service', 'services/campaign/src/main.ts'],
  ])('refuses to start the %s in production without its NATS seed', async (_name, main) => {
    const { NATS_NKEY_SEED: _seed, NATS_NKEY_SEED_FILE: _file, ...environment } = stack.environment;
    const started = await run(
      process.execPath,
      ['-r', '@swc-node/register', `${REPO_ROOT}/${main}`],
      { ...environment, NODE_ENV: 'production', NATS_URL: stack.natsUrl, PORT: '0' },
      60_000,
    );
    expect(started.code).toBe(1);
    expect(started.stdout + started.stderr).toContain(
      'NATS_NKEY_SEED or NATS_NKEY_SEED_FILE is required when NODE_ENV=production',
    );
  });

  it('still serves the whole stack: the holder sees the submitted campaign through the gateway', async () => {
    const page = await api.get(`/api/campaigns/${submittedId}`, holder).expect(200);
    expect((page.body as { status: string }).status).toBe('submitted');
  });
});
