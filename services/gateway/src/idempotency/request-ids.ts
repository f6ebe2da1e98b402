import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { v5 as nameBasedUuid } from 'uuid';
import { uuidv7 } from '@elan/domain-kernel';
import { actorOf } from '../auth/actor';
import type { HttpRequest } from '../common/http-exchange';
import { parseIdempotencyKey } from './idempotency-key';

/**
 * The namespace of the ids minted from Idempotency-Keys. Fixed for ever: another one would give
 * a retry sent across the change other ids, and so a second campaign.
 */
const IDEMPOTENT_IDS = '05b3fced-0837-4e1f-b107-0ecec81529ea';

/** Mints the id of one thing a request creates, named within the request ("campaign", "stretchGoal.0"). */
export type MintId = (name: string) => string;

/**
 * The ids a request creates things under. With an Idempotency-Key they are name-based (UUID v5)
 * on the account, the key and the name, so a retry whose first answer was lost — the service
 * committed, the reply timed out, the key was released — asks for the very same ids and the
 * service recognises its own work. Without a key, fresh UUID v7s (nothing to recognise).
 */
export const requestIds = (accountId: string | undefined, key: string | undefined): MintId =>
  key === undefined ? () => uuidv7() : (name) => nameBasedUuid(`${accountId ?? 'anonymous'}\n${key}\n${name}`, IDEMPOTENT_IDS);

/** `@RequestIds() mint: MintId`: the ids of this request, after `IdempotencyInterceptor` checked its key. */
export const RequestIds = createParamDecorator((_data: unknown, context: ExecutionContext): MintId => {
  const request = context.switchToHttp().getRequest<HttpRequest>();
  const header = request.headers['idempotency-key'];
  return requestIds(actorOf(request)?.accountId, header === undefined ? undefined : parseIdempotencyKey(header));
});
