import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RequestOf, createCampaign } from '@elan/contracts';
import { actorOf, type Actor } from '../auth/actor';

/** The actor as campaign commands carry it: the account and its roles at the time of asking. */
export type CommandActor = RequestOf<typeof createCampaign>['actor'];

/**
 * The authenticated caller as the campaign service sees it. The gateway checks the token and
 * reads the account's current roles; the service decides with them whether the actor may.
 */
export const commandActor = (actor: Actor): CommandActor => ({ accountId: actor.accountId, roles: [...actor.roles] });

/**
 * The caller of a public route, when it sent a valid token; `undefined` for an anonymous one.
 * Reads pass it on as the `viewer`, so holders and moderators see drafts that others do not.
 */
export const Viewer = createParamDecorator((_data: unknown, context: ExecutionContext): CommandActor | undefined => {
  const actor = actorOf(context.switchToHttp().getRequest<object>());
  return actor && commandActor(actor);
});
