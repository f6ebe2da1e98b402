import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection, type Subscription } from 'nats';
import { getPledgeTerms, type PledgeViewer, type ReplyOf } from '@elan/contracts';
import { eur, manualClock, uuidv7, type ManualClock } from '@elan/domain-kernel';
import { RequestClient } from '@elan/messaging';
import type { RunningService } from '@elan/service-kit';
import { openTestSchema, spawnNatsServer, testDatabaseUrl, type SpawnedNatsServer, type TestSchema } from '@elan/testing';
import { sealDetails, subjectOf } from '../application/contributor-details';
import { TEST_PLEDGE_RULES, type FundingModel } from '../pledge';
import { startPledgeService, type PledgeServiceParts } from './pledge-service';

type Terms = ReplyOf<typeof getPledgeTerms>;

const START = new Date('2026-03-02T08:00:00.000Z');
const HOUR = 3_600_000;

/** What a test pledge is: who, how much, what they say and show. */
export interface TestPledge {
  readonly contributor: { kind: 'account'; accountId: string } | { kind: 'guest'; guestTokenHash: string };
  readonly name?: string;
  readonly email: string;
  readonly message?: string;
  readonly showName: boolean;
  readonly amount: number;
  readonly tip: number;
  readonly tierId?: string;
}

/**
 * The real pledge service in this process, on a PostgreSQL schema and a NATS server of the test
 * file's own, its clock in the test's hands, without payments (the tests record Stripe's answers
 * as its webhook consumer would). The test plays the campaign service at its contract: it answers
 * GetPledgeTerms over NATS for the campaigns it made.
 */
export class PledgeHolderTestbed {
  private constructor(
    private readonly campaigns: Map<string, Terms>,
    readonly database: TestSchema,
    private readonly nats: SpawnedNatsServer,
    private readonly nc: NatsConnection,
    private readonly termsAnswers: Subscription,
    readonly clock: ManualClock,
    readonly service: RunningService<PledgeServiceParts>,
    readonly requests: RequestClient,
  ) {}

  static async start(): Promise<PledgeHolderTestbed> {
    const database = await openTestSchema({ prefix: 'pledge_holder', poolSize: 2 });
    const nats = await spawnNatsServer({
      storeDir: join(tmpdir(), `elan-${database.schema}`),
      keepData: false,
      startTimeoutMs: 15_000,
    });
    const nc = await connect({ servers: nats.url });
    const clock = manualClock(START);
    const campaigns = new Map<string, Terms>();
    const termsAnswers = answerPledgeTerms(nc, campaigns);
    const service = await startPledgeService(
      {
        databaseUrl: testDatabaseUrl(),
        natsUrl: nats.url,
        schema: database.schema,
        shutdownGraceMs: 0,
        rules: TEST_PLEDGE_RULES,
        tallyGraceMs: 0,
        checkoutTimeoutMs: 24 * HOUR,
        sweepIntervalMs: 60_000,
      },
      { logger: false, clock },
    );
    const requests = new RequestClient({ connection: () => nc, timeoutMs: 10_000 });
    return new PledgeHolderTestbed(campaigns, database, nats, nc, termsAnswers, clock, service, requests);
  }

  /** A live campaign of `holderId`, its deadline an hour after the clock's time. */
  campaign(holderId: string, fundingModel: FundingModel = 'keep_it_all'): string {
    const campaignId = uuidv7();
    this.campaigns.set(campaignId, {
      campaignId,
      holderId,
      title: `Un four à pain n° ${this.campaigns.size + 1}`,
      status: 'live',
      fundingModel,
      currency: 'EUR',
      deadline: new Date(this.clock.now().getTime() + HOUR).toISOString(),
    });
    return campaignId;
  }

  titleOf(campaignId: string): string {
    return this.campaigns.get(campaignId)?.title ?? '';
  }

  /**
   * Places a pledge the way the checkout does (details sealed by the contributor's key) and, unless
   * `paid` is false, records Stripe's confirmation one second later: committed (and charged, for
   * keep-it-all).
   */
  async pledge(campaignId: string, pledge: TestPledge, paid = true): Promise<string> {
    const terms = this.campaigns.get(campaignId);
    if (!terms?.deadline) throw new Error(`campaign ${campaignId} was not made by the testbed`);
    const { pledges, vault } = this.service.parts;
    const pledgeId = uuidv7();
    const metadata =
      pledge.contributor.kind === 'account'
        ? { actor: pledge.contributor.accountId, roles: ['contributor'] }
        : { actor: 'guest', roles: [], guestTokenHash: pledge.contributor.guestTokenHash };
    const details = await sealDetails(vault, subjectOf(pledge.contributor, pledgeId), pledge);
    const { holderId, fundingModel, deadline } = terms;
    await pledges.execute({
      type: 'PlacePledge',
      data: {
        pledgeId,
        campaign: { campaignId, holderId, fundingModel, deadline, status: 'live' },
        amount: eur(pledge.amount),
        ...(pledge.tierId && { tier: { tierId: pledge.tierId, minimum: eur(100), limited: false } }),
        tip: { amount: eur(pledge.tip), ...(pledge.tip > 0 && { tipId: pledgeId }) },
        contributor: pledge.contributor,
        details,
      },
      metadata,
    });
    const intentId = fundingModel === 'keep_it_all' ? `pi_${pledgeId.replace(/-/g, '')}` : `seti_${pledgeId.replace(/-/g, '')}`;
    await pledges.execute({ type: 'RequestPayment', data: { pledgeId, intentId }, metadata: {} });
    this.clock.advance(1_000);
    if (paid) {
      const confirmedAt = this.clock.now().toISOString();
      await pledges.execute({ type: 'ConfirmPayment', data: { pledgeId, intentId, confirmedAt }, metadata: {} });
    }
    return pledgeId;
  }

  /** An all-or-nothing pledge after its campaign's success: charged off-session. */
  async collect(pledgeId: string): Promise<string> {
    const { pledges } = this.service.parts;
    await pledges.execute({ type: 'RequestCollection', data: { pledgeId }, metadata: {} });
    const collectedAt = this.clock.now().toISOString();
    await pledges.execute({
      type: 'RecordCollection',
      data: { pledgeId, paymentIntentId: `pi_collected_${pledgeId.replace(/-/g, '')}`, collectedAt },
      metadata: {},
    });
    return collectedAt;
  }

  cancel(pledgeId: string, viewer: PledgeViewer & { kind: 'account' }): Promise<unknown> {
    return this.service.parts.pledges.execute({
      type: 'CancelPledge',
      data: { pledgeId },
      metadata: { actor: viewer.accountId, roles: viewer.roles },
    });
  }

  /** The person's key is deleted (ADR 0022): their personal data is unreadable everywhere at once. */
  async erase(subjectId: string): Promise<void> {
    await this.service.parts.vault.erase(subjectId);
  }

  async close(): Promise<void> {
    this.termsAnswers.unsubscribe();
    await this.service.close();
    await this.nc.close();
    await this.nats.stop();
    await this.database.dispose();
  }
}

/**
 * The campaign service's side of GetPledgeTerms, at its contract: the packets of the NATS
 * transport (`{ id, response }`, or `{ id, err }` with the domain error's code).
 */
const answerPledgeTerms = (nc: NatsConnection, campaigns: ReadonlyMap<string, Terms>): Subscription =>
  nc.subscribe(getPledgeTerms.subject, {
    queue: 'campaign',
    callback: (_error, message) => {
      const packet = JSON.parse(new TextDecoder().decode(message.data)) as { id: string; data: unknown };
      const request = getPledgeTerms.request.parse(packet.data);
      const terms = campaigns.get(request.campaignId);
      const reply = terms
        ? { id: packet.id, response: getPledgeTerms.reply.parse(terms), isDisposed: true }
        : {
            id: packet.id,
            err: {
              code: 'not_found',
              message: `campaign ${request.campaignId} does not exist`,
              details: { field: 'campaignId' },
            },
            isDisposed: true,
          };
      message.respond(new TextEncoder().encode(JSON.stringify(reply)));
    },
  });
