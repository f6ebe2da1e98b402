import { createHash } from 'node:crypto';
import { pledgesTallied, type IntegrationEventContract, type PayloadOf } from '@elan/contracts';
import { uuidv7 } from '@elan/domain-kernel';
import type { JetStreamClient } from 'nats';
import { envelopeHeaders } from '@elan/messaging';

/** One message as the pledge service's outbox relay would publish it. */
export interface PledgeMessage {
  readonly subject: string;
  readonly eventId: string;
  readonly payload: unknown;
  readonly streamId: string;
  readonly position: number;
  readonly previousPosition: number;
  readonly type: string;
  readonly version: number;
}

/**
 * Stands in for the pledge service, which is not in this repository yet: each stream's events
 * get positions and predecessors as its outbox relay gives them (ADR 0005), and are published
 * with the relay's headers (`envelopeHeaders`), so the consumer meets what it will meet.
 */
export class PledgeStreams {
  private readonly positions = new Map<string, number>();

  /** The next event of `streamId` (e.g. `pledge-<id>`), not published yet. */
  next<C extends IntegrationEventContract>(streamId: string, contract: C, payload: PayloadOf<C>): PledgeMessage {
    const previousPosition = this.positions.get(streamId) ?? 0;
    const position = previousPosition + 1;
    this.positions.set(streamId, position);
    return {
      subject: contract.subject,
      eventId: uuidv7(),
      payload: contract.schema.parse(payload),
      streamId,
      position,
      previousPosition,
      type: contract.type,
      version: contract.version,
    };
  }
}

/**
 * Publishes to JetStream with the relay's headers. `copy` gives a republished copy another
 * message id, as one published again after JetStream's duplicate window: only the inbox can
 * then tell it is the same event.
 */
export const publish = async (js: JetStreamClient, message: PledgeMessage, copy?: string): Promise<void> => {
  const headers = envelopeHeaders(
    {
      eventId: message.eventId,
      type: message.type,
      schemaVersion: message.version,
      streamId: message.streamId,
      streamPosition: message.position,
      globalPosition: 0,
      transactionId: '0',
      occurredAt: new Date(),
      data: message.payload,
      metadata: {},
    },
    { type: message.type, version: message.version },
    message.previousPosition,
  );
  await js.publish(message.subject, JSON.stringify(message.payload), {
    headers,
    msgID: copy ? `${message.eventId}:${copy}` : message.eventId,
  });
};

/**
 * The pledge service's tally of a campaign (ADR 0008), from a stream of its own per campaign:
 * the total and count of `pledges`, and the digest of their sorted ids.
 */
export const talliedMessage = (
  streams: PledgeStreams,
  campaignId: string,
  deadline: string,
  pledges: ReadonlyArray<{ readonly pledgeId: string; readonly amount: number }>,
): PledgeMessage =>
  streams.next(`tally-${campaignId}`, pledgesTallied, {
    campaignId,
    deadline,
    committedTotal: { amount: pledges.reduce((sum, p) => sum + p.amount, 0), currency: 'EUR' },
    backers: pledges.length,
    digest: createHash('sha256')
      .update(
        pledges
          .map((p) => p.pledgeId)
          .sort()
          .join('\n'),
      )
      .digest('hex'),
    talliedAt: new Date().toISOString(),
  });
