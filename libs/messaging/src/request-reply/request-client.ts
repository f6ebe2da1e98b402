import type { ReplyOf, RequestContract, RequestOf } from '@elan/contracts';
import { ErrorCode, NatsError, headers as natsHeaders, type Msg, type MsgHdrs, type NatsConnection } from 'nats';
import { z } from 'zod';
import { currentCorrelationId, elanMetrics, secondsSince } from '@elan/observability';
import { HEADER } from '../headers';
import { decodeReplyPacket, encodeRequestPacket, type ReplyPacket } from './request-packet';
import {
  RemoteServiceError,
  RequestTimeoutError,
  ServiceUnavailableError,
  errorFromReply,
  invalidPayload,
} from './request-failures';

export interface RequestClientOptions {
  /**
   * The NATS connection, asked for on every request: a function so that a caller such as the
   * gateway may open it lazily and reopen it. A rejection means NATS is unreachable.
   */
  readonly connection: () => NatsConnection | Promise<NatsConnection>;
  /** How long a request waits for its reply unless the call says otherwise. */
  readonly timeoutMs: number;
}

export interface RequestOptions {
  readonly timeoutMs?: number;
  /** Travel in headers, as for integration events, so the service can log and trace the chain. */
  readonly correlationId?: string;
  readonly traceparent?: string;
}

/**
 * Asks a service over NATS request/reply, by contract: validates the request before it leaves
 * (`ValidationError` naming the fields), waits at most the timeout, validates the reply, and
 * rethrows an error reply as the `DomainError` of its code. A timeout is a
 * `RequestTimeoutError`; no replica listening, or NATS unreachable, a `ServiceUnavailableError`.
 *
 * It uses the `nats` client's own request (one muxed inbox per connection) with the packets of
 * Nest's NATS transport, rather than Nest's `ClientProxy`: the client tells "no responders"
 * apart from a timeout, and the gateway shares its one connection (ADR 0006).
 */
export class RequestClient {
  constructor(private readonly options: RequestClientOptions) {}

  async request<C extends RequestContract>(
    contract: C,
    payload: RequestOf<C>,
    options: RequestOptions = {},
  ): Promise<ReplyOf<C>> {
    // Typed through the contract's own parameters: `contract.request` alone widens to ZodType<unknown>.
    const requestSchema: C['request'] = contract.request;
    const replySchema: C['reply'] = contract.reply;
    const request = requestSchema.safeParse(payload);
    if (!request.success) throw invalidPayload(`invalid ${contract.name} request`, request.error);
    const startedAt = performance.now();
    let outcome = 'ok';
    try {
      const packet = decode(contract, await this.send(contract, request.data, options));
      // An error reply is an answer (a domain refusal), timed like any other.
      if (packet.kind === 'error') {
        outcome = 'error_reply';
        throw errorFromReply(contract, packet.err);
      }
      const reply = replySchema.safeParse(packet.response);
      if (!reply.success) {
        const broken = `${contract.service} answered ${contract.name} with a reply that breaks the contract`;
        throw new RemoteServiceError(contract.subject, `${broken}:\n${z.prettifyError(reply.error)}`);
      }
      return reply.data;
    } catch (error) {
      if (outcome === 'ok') outcome = failureOutcome(error);
      if (outcome !== 'error_reply') elanMetrics.natsRequestFailures.inc({ subject: contract.subject, outcome });
      throw error;
    } finally {
      elanMetrics.natsRequestDuration.observe({ subject: contract.subject, outcome }, secondsSince(startedAt));
    }
  }

  private async send(contract: RequestContract, data: unknown, options: RequestOptions): Promise<Msg> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    let nc: NatsConnection;
    try {
      nc = await this.options.connection();
    } catch (error) {
      const message = `NATS is unreachable: ${contract.name} cannot be asked`;
      throw new ServiceUnavailableError(contract.subject, message, { cause: error });
    }
    const headers = requestHeaders(options);
    try {
      const packet = encodeRequestPacket(contract.subject, data);
      return await nc.request(contract.subject, packet, { timeout: timeoutMs, ...(headers && { headers }) });
    } catch (error) {
      throw transportFailure(contract, error, timeoutMs);
    }
  }
}

/** What the `nats` client's request failures mean to the caller; other errors pass unchanged. */
const transportFailure = (contract: RequestContract, error: unknown, timeoutMs: number): unknown => {
  if (!(error instanceof NatsError)) return error;
  const { service, name, subject } = contract;
  switch (error.code) {
    case ErrorCode.Timeout:
      return new RequestTimeoutError(subject, `${service} did not answer ${name} within ${timeoutMs} ms`, { cause: error });
    case ErrorCode.NoResponders:
      return new ServiceUnavailableError(subject, `no replica of ${service} answers ${name}`, { cause: error });
    case ErrorCode.ConnectionClosed:
    case ErrorCode.ConnectionDraining:
      return new ServiceUnavailableError(subject, `the NATS connection is closing: ${name} cannot be asked`, { cause: error });
    default:
      return error;
  }
};

/** The `outcome` label of a request that got no valid reply. */
const failureOutcome = (error: unknown): string =>
  error instanceof RequestTimeoutError
    ? 'timeout'
    : error instanceof ServiceUnavailableError
      ? 'unavailable'
      : error instanceof RemoteServiceError
        ? 'broken_reply'
        : 'failed';

/** The caller's ids, or the correlation id of the work in progress (the gateway's request id). */
const requestHeaders = (options: RequestOptions): MsgHdrs | undefined => {
  const correlationId = options.correlationId ?? currentCorrelationId();
  if (!correlationId && !options.traceparent) return undefined;
  const h = natsHeaders();
  if (correlationId) h.set(HEADER.correlationId, correlationId);
  if (options.traceparent) h.set(HEADER.traceparent, options.traceparent);
  return h;
};

const decode = (contract: RequestContract, message: Msg): ReplyPacket => {
  try {
    return decodeReplyPacket(message.data);
  } catch (error) {
    const unreadable = `${contract.service} answered ${contract.name} with an unreadable packet`;
    throw new RemoteServiceError(contract.subject, unreadable, { cause: error });
  }
};
