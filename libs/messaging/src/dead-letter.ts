import { headers as natsHeaders, type JsMsg, type NatsConnection } from 'nats';
import { DEAD_LETTER_PREFIX, DEAD_LETTER_STREAM } from './streams';

export const DEAD_LETTER_HEADER = {
  reason: 'Elan-Dead-Letter-Reason',
  consumer: 'Elan-Dead-Letter-Consumer',
  originalSubject: 'Elan-Original-Subject',
  originalSequence: 'Elan-Original-Sequence',
} as const;

/**
 * Copies a message, with why it could not be handled and by whom, to `ELAN_DLQ` under
 * `dlq.<original subject>`. The copy's message id is (consumer, stream sequence), so filing the
 * same message twice keeps one copy.
 */
export const deadLetter = async (nc: NatsConnection, msg: JsMsg, consumer: string, reason: string): Promise<void> => {
  const h = natsHeaders();
  for (const [key, values] of msg.headers ?? []) for (const value of values) if (key !== 'Nats-Msg-Id') h.append(key, value);
  h.set(DEAD_LETTER_HEADER.reason, reason.replace(/[\r\n]+/g, ' ').slice(0, 1_000));
  h.set(DEAD_LETTER_HEADER.consumer, consumer);
  h.set(DEAD_LETTER_HEADER.originalSubject, msg.subject);
  h.set(DEAD_LETTER_HEADER.originalSequence, String(msg.seq));
  await nc.jetstream().publish(`${DEAD_LETTER_PREFIX}.${msg.subject}`, msg.data, {
    msgID: `${consumer}:${msg.seq}`,
    headers: h,
    expect: { streamName: DEAD_LETTER_STREAM },
  });
};
