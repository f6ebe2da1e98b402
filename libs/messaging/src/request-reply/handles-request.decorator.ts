import { Logger } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, RpcException, type NatsContext } from '@nestjs/microservices';
import { isDomainError } from '@elan/domain-kernel';
import type { ReplyOf, RequestContract, RequestError, RequestOf } from '@elan/contracts';
import { z } from 'zod';
import { answerableError, errorReplyOf, invalidPayload } from './request-failures';

/**
 * A method that answers a request: it receives the validated request and resolves to the
 * reply. Asynchronous, since the wrapper that replaces it always is.
 */
export type RequestHandlerMethod<C extends RequestContract> = (
  request: RequestOf<C>,
  context: NatsContext,
) => Promise<ReplyOf<C>>;

const logger = new Logger('HandlesRequest');

const internalError = (contract: RequestContract): RequestError => ({
  code: 'internal_error',
  message: `${contract.service} could not answer ${contract.name}; the error is in its log`,
  details: {},
});

/**
 * Answers one request by its contract: validates the request (invalid: `validation_failed`
 * naming the fields), runs `handle`, validates the reply. A thrown `DomainError` becomes the
 * error reply of its code, a PostgreSQL data exception (the request's value overflowed a
 * column) a `validation_failed` one; anything else is logged here and answered `internal_error`, so
 * neither stacks nor internals cross the wire. Failures are thrown as `RpcException`s, which
 * Nest's default RPC exception filter sends as they are in the reply packet's `err`.
 */
export const answerRequest = async <C extends RequestContract>(
  contract: C,
  payload: unknown,
  handle: (request: RequestOf<C>) => ReplyOf<C> | Promise<ReplyOf<C>>,
): Promise<ReplyOf<C>> => {
  // Typed through the contract's own parameters: `contract.request` alone widens to ZodType<unknown>.
  const requestSchema: C['request'] = contract.request;
  const replySchema: C['reply'] = contract.reply;
  const request = requestSchema.safeParse(payload);
  if (!request.success) throw new RpcException(errorReplyOf(invalidPayload(`invalid ${contract.name} request`, request.error)));
  let reply: unknown;
  try {
    reply = await handle(request.data);
  } catch (error) {
    const answer = answerableError(error);
    if (answer) {
      if (!isDomainError(error)) logger.warn(`${contract.subject} refused a value the database cannot take: ${String(error)}`);
      throw new RpcException(errorReplyOf(answer));
    }
    logger.error(`${contract.subject} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    throw new RpcException(internalError(contract));
  }
  const checked = replySchema.safeParse(reply);
  if (!checked.success) {
    logger.error(`${contract.subject} answered a reply that breaks its contract:\n${z.prettifyError(checked.error)}`);
    throw new RpcException(internalError(contract));
  }
  return checked.data;
};

/**
 * Makes a controller method of a NestJS microservice (NATS transport) the handler of a
 * request contract: `@MessagePattern(contract.subject)` in the queue group named after the
 * answering service, so its replicas share the requests, around `answerRequest`.
 *
 * ```ts
 * @HandlesRequest(getCampaignSummary)
 * async summary(request: RequestOf<typeof getCampaignSummary>) { … }
 * ```
 */
export const HandlesRequest =
  <C extends RequestContract>(contract: C) =>
  <M extends RequestHandlerMethod<C>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    const handle = descriptor.value;
    if (!handle) throw new Error(`@HandlesRequest(${contract.name}) decorates methods only`);
    const answer = function (this: unknown, payload: unknown, context: NatsContext): Promise<ReplyOf<C>> {
      return answerRequest(contract, payload, (request) => handle.call(this, request, context));
    };
    Object.defineProperty(answer, 'name', { value: handle.name });
    // The wrapper accepts any payload (it checks it) and resolves to the same reply: it can
    // stand where the method stood.
    descriptor.value = answer as M;
    // Nest reads the pattern from the metadata of the function it will call: the wrapper.
    MessagePattern(contract.subject, { queue: contract.service })(target, key, descriptor);
    // Without parameter metadata Nest passes the payload alone; these pass the context too.
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
  };
