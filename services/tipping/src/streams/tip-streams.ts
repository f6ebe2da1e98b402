import type { PoolClient } from 'pg';
import {
  commandHandler,
  type CommandHandler,
  type CommandResult,
  type EventMetadata,
  type PostgresEventStore,
} from '@elan/event-store';
import { createTipDecider, tipStream, type TipCommand, type TipEvent, type TipRules, type TipState } from '../tip';

export type TipResult = CommandResult<TipEvent, TipState>;

/**
 * The tip streams (`tip-<tipId>`, one per pledge): every tip command goes through the one command
 * handler over the tip decider, in the caller's transaction when one is given (the inbox's).
 */
export class TipStreams {
  private readonly handler: CommandHandler<TipCommand, TipEvent, TipState>;

  constructor(store: PostgresEventStore, rules?: TipRules) {
    this.handler = commandHandler(store, createTipDecider(rules), { streamOf: tipStream });
  }

  execute(command: TipCommand, metadata: EventMetadata = {}, client?: PoolClient): Promise<TipResult> {
    return this.handler.handle(command.data.tipId, command, metadata, client);
  }

  /** Commands for one tip, applied in turn with one read and one append. */
  executeAll(
    tipId: string,
    commands: readonly TipCommand[],
    metadata: EventMetadata = {},
    client?: PoolClient,
  ): Promise<TipResult> {
    for (const command of commands)
      if (command.data.tipId !== tipId) throw new TypeError(`a command for tip ${command.data.tipId} sent to ${tipId}`);
    return this.handler.handleAll(tipId, () => commands.map((command) => ({ command, metadata })), client);
  }

  async state(tipId: string, client?: PoolClient): Promise<TipState> {
    return (await this.handler.load(tipId, client)).state;
  }
}
