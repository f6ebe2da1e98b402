import type { PoolClient } from 'pg';
import type { Clock } from '@elan/domain-kernel';
import { commandHandler, type CommandHandler, type PostgresEventStore } from '@elan/event-store';
import type { CampaignCommand, CampaignDecider, CampaignEvent, CampaignState } from '../campaign';
import { asCampaignEvent, campaignStream } from './campaign-streams';

/** A campaign command as the API hands it over: everything but the time, which the service adds. */
export type CampaignCommandRequest = CampaignCommand extends infer C
  ? C extends CampaignCommand
    ? Omit<C, 'metadata'> & { readonly metadata: Omit<C['metadata'], 'now'> }
    : never
  : never;

export interface CampaignCommandResult {
  readonly events: readonly CampaignEvent[];
  readonly state: CampaignState;
  readonly version: number;
}

/**
 * The campaign service's application of campaign commands: each is decided at the clock's time
 * by the campaign's command handler (load, fold, decide, append, retry on a conflict). The only
 * way the campaign service changes a campaign.
 */
export class CampaignApplication {
  private readonly campaigns: CommandHandler<CampaignCommand, CampaignEvent, CampaignState>;

  constructor(
    store: PostgresEventStore,
    decider: CampaignDecider,
    private readonly clock: Clock,
  ) {
    this.campaigns = commandHandler(store, decider, { streamOf: campaignStream, toDomainEvent: asCampaignEvent, maxAttempts: 5 });
  }

  async execute(request: CampaignCommandRequest, client?: PoolClient): Promise<CampaignCommandResult> {
    // Each member of the union gets `now` back, which the distributive type cannot show.
    const command = { ...request, metadata: { ...request.metadata, now: this.clock.now() } } as CampaignCommand;
    const actor = 'actor' in request.metadata ? request.metadata.actor : 'scheduler';
    const { newEvents, state, version } = await this.campaigns.handle(command.data.campaignId, command, { actor }, client);
    return { events: newEvents, state, version };
  }

  /** The campaign as its events say now (for the stock's checks and for replies). */
  async load(campaignId: string, client?: PoolClient): Promise<CampaignState> {
    return (await this.campaigns.load(campaignId, client)).state;
  }
}
