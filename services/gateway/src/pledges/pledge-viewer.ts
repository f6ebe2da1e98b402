import { createParamDecorator, HttpStatus, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { z } from 'zod';
import type { PledgeViewer } from '@elan/contracts';
import { actorOf } from '../auth/actor';
import type { HttpRequest } from '../common/http-exchange';
import { ProblemException } from '../problem/problem-details';
import { ValidParam } from '../validation/validated.decorators';
import { guestTokenHash } from './guest-tokens';

/** The header a guest presents their private link's token in (never in the URL, which logs keep). */
export const GUEST_TOKEN_HEADER = 'x-guest-token';

/** A guest token as `GuestTokens` makes them: an HMAC-SHA256, base64url (43 characters). */
export const GUEST_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * `@Viewer() viewer: PledgeViewer`: the account of a valid access token, or else the guest whose
 * `X-Guest-Token` header is well formed (its hash only; the pledge service compares). Neither:
 * 401, since a pledge is never public.
 */
export const Viewer = createParamDecorator((_data: unknown, context: ExecutionContext): PledgeViewer => {
  const request = context.switchToHttp().getRequest<HttpRequest>();
  const actor = actorOf(request);
  if (actor) return { kind: 'account', accountId: actor.accountId, roles: [...actor.roles] };
  const token = request.headers[GUEST_TOKEN_HEADER];
  if (typeof token === 'string' && GUEST_TOKEN.test(token)) return { kind: 'guest', guestTokenHash: guestTokenHash(token) };
  throw new ProblemException({
    type: 'urn:elan:problem:unauthenticated',
    title: 'Authentication required',
    status: HttpStatus.UNAUTHORIZED,
    detail: 'Send "Authorization: Bearer <token>", or the guest token of your pledge’s private link as "X-Guest-Token".',
  });
});

/** `:id` of a pledge route: a UUID, or a 400 naming it. */
export const PledgeIdParam = (): ParameterDecorator => ValidParam('id', z.uuid());

/** The guest's header, documented on every route a guest may call. */
export const GuestTokenHeader = (): MethodDecorator & ClassDecorator =>
  ApiHeader({
    name: GUEST_TOKEN_HEADER,
    required: false,
    description: 'A guest’s secret token (from the answer to their pledge), instead of an access token.',
  });
