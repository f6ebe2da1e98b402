import type { PoolClient } from 'pg';
import type { Clock } from '@elan/domain-kernel';
import { commandHandler, inTransaction, lockStreamIn, type CommandHandler, type PostgresEventStore } from '@elan/event-store';
import { pledgeStream, type PledgeCommand, type PledgeDecider, type PledgeEvent, type PledgeState } from '../pledge';
import { savePledgeRow, type PledgeRow } from '../read-models/pledge-view.table';

/** A pledge command as a caller hands it over: everything but the time, which the service adds. */
export type PledgeCommandRequest = PledgeCommand extends infer C
  ? C extends PledgeCommand
    ? Omit<C, 'metadata'> & { readonly metadata: Omit<C['metadata'], 'now'> }
    : never
  : never;

export interface PledgeCommandResult {
  readonly events: readonly PledgeEvent[];
  readonly state: PledgeState;
  readonly version: number;
  /** The pledge's row as this command wrote it; absent when the command changed nothing. */
  readonly row?: PledgeRow;
}

/**
 * The only way the pledge service changes a pledge: decided at the clock's time by the pledge's
 * command handler, and its row in `pledges` written in the same transaction as its events, so
 * what a contributor is answered is what they read next.
 */
export class PledgeApplication {
  private readonly pledges: CommandHandler<PledgeCommand, PledgeEvent, PledgeState>;

  constructor(
    private readonly store: PostgresEventStore,
    decider: PledgeDecider,
    private readonly clock: Clock,
  ) {
    this.pledges = commandHandler(store, decider, { streamOf: pledgeStream, maxAttempts: 5 });
  }

  /** With `client`, inside the caller's transaction (a consumer's inbox); otherwise in one of its own. */
  execute(request: PledgeCommandRequest, client?: PoolClient): Promise<PledgeCommandResult> {
    return this.executeAll(request.data.pledgeId, () => [request], client);
  }

  /**
   * The commands one fact implies for one pledge, chosen on its current state (`requestsFor`),
   * applied in turn under one lock with one read, one append and one row written.
   */
  executeAll(
    pledgeId: string,
    requestsFor: (state: PledgeState) => readonly PledgeCommandRequest[],
    client?: PoolClient,
  ): Promise<PledgeCommandResult> {
    if (client) return this.executeIn(client, pledgeId, requestsFor);
    return inTransaction(this.store.pool, (own) => this.executeIn(own, pledgeId, requestsFor));
  }

  async load(pledgeId: string, client?: PoolClient): Promise<PledgeState> {
    return (await this.pledges.load(pledgeId, client)).state;
  }

  now(): Date {
    return this.clock.now();
  }

  private async executeIn(
    client: PoolClient,
    pledgeId: string,
    requestsFor: (state: PledgeState) => readonly PledgeCommandRequest[],
  ): Promise<PledgeCommandResult> {
    // Webhooks, the contributor and the sweeper may act on one pledge at once: they queue.
    await lockStreamIn(client, this.store, pledgeStream(pledgeId));
    const now = this.clock.now();
    const { newEvents, state, version } = await this.pledges.handleAll(
      pledgeId,
      (current) =>
        requestsFor(current).map((request) => {
          if (request.data.pledgeId !== pledgeId)
            throw new TypeError(`a command for ${request.data.pledgeId} sent to ${pledgeId}`);
          // Each member of the union gets `now` back, which the distributive type cannot show.
          const command = { ...request, metadata: { ...request.metadata, now } } as PledgeCommand;
          const actor = 'actor' in request.metadata ? String(request.metadata.actor) : 'pledge-service';
          return { command, metadata: { actor } };
        }),
      client,
    );
    const row = newEvents.length > 0 ? await savePledgeRow(client, this.store.schema, state, version, now) : undefined;
    return { events: newEvents, state, version, ...(row && { row }) };
  }
}
