import { createParamDecorator, HttpStatus, type ExecutionContext } from '@nestjs/common';
import { contributorRefOf, type RequestOf, type refundTip } from '@elan/contracts';
import { actorOf } from '../auth/actor';
import type { HttpRequest } from '../common/http-exchange';
import { ProblemException } from '../problem/problem-details';
import { validationProblem } from '../validation/zod-validation.pipe';
import { guestTokenHash } from '../pledges/guest-tokens';
import { GuestTokenSchema } from './tip-refund.schemas';

/** The header a guest proves their pledge with: the token of its private link. */
export const GUEST_TOKEN_HEADER = 'X-Guest-Token';

export type TipRequester = RequestOf<typeof refundTip>['actor'];

/**
 * `guest:<sha-256 hex of the token>`: the contributor reference the pledge service recorded for a
 * guest. Only the hash travels: the token itself never leaves the gateway.
 */
export const guestRef = (token: string): string => contributorRefOf({ kind: 'guest', guestTokenHash: guestTokenHash(token) });

/**
 * Who asks about a pledge's tip: the account of a valid access token (with its roles), else the
 * guest of `X-Guest-Token`; neither is a 401 problem. The tipping service decides whether that
 * requester is the tip's contributor (or an admin).
 */
export const CurrentTipRequester = createParamDecorator((_data: unknown, context: ExecutionContext): TipRequester => {
  const request = context.switchToHttp().getRequest<HttpRequest>();
  const actor = actorOf(request);
  if (actor) return { ref: actor.accountId, roles: [...actor.roles] };
  const header = request.headers[GUEST_TOKEN_HEADER.toLowerCase()];
  if (header === undefined)
    throw new ProblemException({
      type: 'urn:elan:problem:unauthenticated',
      title: 'Authentication required',
      status: HttpStatus.UNAUTHORIZED,
      detail: `Send "Authorization: Bearer <token>", or the pledge's private-link token as ${GUEST_TOKEN_HEADER}.`,
    });
  const token = GuestTokenSchema.safeParse(header);
  if (!token.success)
    throw validationProblem('header', [{ field: GUEST_TOKEN_HEADER, message: 'must be the token of the pledge’s private link' }]);
  return { ref: guestRef(token.data), roles: [] };
});
