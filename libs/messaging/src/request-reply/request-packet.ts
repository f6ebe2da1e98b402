import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * The JSON packets of the NATS transport of `@nestjs/microservices` 11 (ServerNats with its
 * default serializer and deserializer), spoken directly so that callers need no ClientProxy:
 *
 * - request `{ pattern, data, id }`: the `id` is what makes ServerNats answer rather than treat
 *   the message as an event; it dispatches on the subject, `pattern` is informative;
 * - reply `{ id, response, isDisposed: true }`, or `{ id, err, isDisposed: true }` when the
 *   handler threw (an `RpcException`'s object, as is, in `err`).
 */
export const encodeRequestPacket = (subject: string, data: unknown): Uint8Array =>
  new TextEncoder().encode(JSON.stringify({ pattern: subject, data, id: randomUUID() }));

const replyPacketSchema = z.object({
  id: z.string().optional(),
  response: z.unknown().optional(),
  err: z.unknown().optional(),
});

export type ReplyPacket =
  | { readonly kind: 'response'; readonly response: unknown }
  | { readonly kind: 'error'; readonly err: unknown };

/** Throws when the bytes are not a reply packet at all (not JSON, not an object). */
export const decodeReplyPacket = (data: Uint8Array): ReplyPacket => {
  const packet = replyPacketSchema.parse(JSON.parse(new TextDecoder().decode(data)));
  return packet.err === undefined || packet.err === null
    ? { kind: 'response', response: packet.response }
    : { kind: 'error', err: packet.err };
};
