import type { PoolClient } from 'pg';
import type { Clock } from '@elan/domain-kernel';
import { handleCommand, type PostgresEventStore } from '@elan/event-store';
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
 * Applies campaign commands: load the stream, fold, decide at the clock's time, append with the
 * expected version, retry on a conflict. The only way the campaign service changes a campaign.
 */
export class CampaignCommands {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly decider: CampaignDecider,
    private readonly clock: Clock,
  ) {}

  async execute(request: CampaignCommandRequest, client?: PoolClient): Promise<CampaignCommandResult> {
    const command = { ...request, metadata: { ...request.metadata, now: this.clock.now() } } as CampaignCommand;
    const { newEvents, state, version } = await handleCommand(this.store, campaignStream(command.data.campaignId), this.decider, command, {
      maxAttempts: 5,
      toDomainEvent: asCampaignEvent,
      metadata: {
        ...(request.metadata.correlationId && { correlationId: request.metadata.correlationId }),
        ...(request.metadata.causationId && { causationId: request.metadata.causationId }),
        actor: 'actor' in request.metadata ? request.metadata.actor : 'scheduler',
      },
      ...(client && { client }),
    });
    return { events: newEvents, state, version };
  }

  /** The campaign as its events say now (for the stock's checks and for replies). */
  async load(campaignId: string, client?: PoolClient): Promise<CampaignState> {
    const events = await this.store.readStream(campaignStream(campaignId), client ? { client } : {});
    return events.map(asCampaignEvent).reduce((state, event) => this.decider.evolve(state, event), this.decider.initialState());
  }
}
