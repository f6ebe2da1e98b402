import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  campaignCommands,
  getCampaign,
  listCampaigns,
  listHolderCampaigns,
  type ReplyOf,
  type RequestContract,
} from '@elan/contracts';
import { isDomainError, NotFoundError, ValidationError } from '@elan/domain-kernel';
import { errorReplyOf } from '@elan/messaging';
import { spawnNatsServer, type SpawnedNatsServer } from '@elan/testing';
import { connect, type NatsConnection } from 'nats';

/** A campaign the stub does not know: every request about it answers not_found. */
export const UNKNOWN_CAMPAIGN = '0190f3a4-5b6c-7d8e-9f01-000000000404';

/** A title the stub refuses the way the campaign service does, naming the field. */
export const BLANK_TITLE = '   ';

/** One request the stub received: the contract's name and the payload as sent. */
export interface Received {
  readonly name: string;
  readonly payload: Record<string, unknown>;
}

const page = (campaignId: string): ReplyOf<typeof getCampaign> => ({
  campaignId,
  holderId: '0190f3a4-5b6c-7d8e-9f01-00000000a001',
  title: 'Un four à pain',
  summary: 'Un four collectif.',
  category: 'food',
  imageUrl: null,
  departement: '62',
  commune: null,
  status: 'draft',
  fundingModel: 'all_or_nothing',
  goal: null,
  committed: { amount: 0, currency: 'EUR' },
  raised: { amount: 0, currency: 'EUR' },
  backers: 0,
  percentOfGoal: null,
  startsAt: null,
  deadline: null,
  launchedAt: null,
  timeLeftSeconds: null,
  createdAt: '2026-03-01T09:00:00.000Z',
  submittedAt: null,
  rejectionReason: null,
  story: '',
  approvedAt: null,
  closedAt: null,
  cancelledAt: null,
  cancellationReason: null,
  tiers: [],
  stretchGoals: [],
  updates: [],
});

const answer = (contract: RequestContract, payload: Record<string, unknown>): unknown => {
  const campaignId = typeof payload['campaignId'] === 'string' ? payload['campaignId'] : undefined;
  if (campaignId === UNKNOWN_CAMPAIGN) throw new NotFoundError(`campaign ${campaignId} does not exist`, { campaignId });
  if (payload['title'] === BLANK_TITLE) throw new ValidationError('title must not be blank', { field: 'title' });
  if (contract === listCampaigns || contract === listHolderCampaigns) return { items: [], nextCursor: null };
  if (contract === getCampaign && campaignId) return page(campaignId);
  return { campaignId, status: 'draft', version: 1 };
};

const CONTRACTS = new Map<string, RequestContract>(
  [...campaignCommands, listCampaigns, getCampaign, listHolderCampaigns].map((contract) => [contract.subject, contract]),
);

/**
 * A stand-in for the campaign service, on a NATS server of its own (so no other test's service
 * answers these subjects, and this one answers nobody else's): it records what the gateway
 * sends and answers like the service would, for the gateway's own tests of its routes.
 */
export class CampaignServiceStub {
  readonly received: Received[] = [];

  private constructor(
    private readonly server: SpawnedNatsServer,
    private readonly connection: NatsConnection,
  ) {}

  static async start(): Promise<CampaignServiceStub> {
    const storeDir = await mkdtemp(join(tmpdir(), 'elan-campaign-stub-'));
    const server = await spawnNatsServer({ storeDir, keepData: false, startTimeoutMs: 15_000 });
    const connection = await connect({ servers: server.url });
    const stub = new CampaignServiceStub(server, connection);
    connection.subscribe('rpc.campaign.>', { queue: 'campaign', callback: (_error, message) => stub.reply(message) });
    await connection.flush();
    return stub;
  }

  get natsUrl(): string {
    return this.server.url;
  }

  /** What was sent with `name` (e.g. `CreateCampaign`), in order. */
  sent(name: string): Record<string, unknown>[] {
    return this.received.filter((received) => received.name === name).map((received) => received.payload);
  }

  async stop(): Promise<void> {
    await this.connection.close();
    await this.server.stop();
  }

  private reply(message: { subject: string; data: Uint8Array; respond(data: Uint8Array): boolean }): void {
    const contract = CONTRACTS.get(message.subject);
    const packet = JSON.parse(new TextDecoder().decode(message.data)) as { id: string; data: Record<string, unknown> };
    let reply: object;
    if (!contract) reply = { id: packet.id, err: { code: 'internal_error', message: 'unknown subject', details: {} }, isDisposed: true };
    else {
      this.received.push({ name: contract.name, payload: packet.data });
      try {
        reply = { id: packet.id, response: answer(contract, packet.data), isDisposed: true };
      } catch (error) {
        if (!isDomainError(error)) throw error;
        reply = { id: packet.id, err: errorReplyOf(error), isDisposed: true };
      }
    }
    message.respond(new TextEncoder().encode(JSON.stringify(reply)));
  }
}
