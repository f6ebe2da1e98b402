import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Role } from '../accounts/account';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { actorOf, type Actor } from './actor';

/** Metadata key of a route's (or controller's) authentication requirement. */
export const AUTH_REQUIREMENT = 'elan:auth-requirement';

/** Who may call a route: any authenticated account (`roles` empty) or one holding any of `roles`. */
export interface AuthRequirement {
  readonly roles: readonly Role[];
}

/** The name of the bearer security scheme in the OpenAPI document. */
export const BEARER_SCHEME = 'bearer';

/**
 * The route needs a valid access token: anonymous callers get a 401 problem. Routes without
 * this (or `@Roles`) are public; a valid token on them still identifies the caller.
 */
export const Authenticated = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(AUTH_REQUIREMENT, { roles: [] } satisfies AuthRequirement),
    ApiBearerAuth(BEARER_SCHEME),
    ApiProblems(401),
  );

/** The route needs an account holding at least one of `roles`: 401 when anonymous, else 403. */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(AUTH_REQUIREMENT, { roles } satisfies AuthRequirement),
    ApiBearerAuth(BEARER_SCHEME),
    ApiProblems(401, 403),
  );

/** The authenticated caller; only on routes marked `@Authenticated()` or `@Roles(…)`. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = actorOf(context.switchToHttp().getRequest<object>());
  // The guard has refused anonymous callers already: reaching here means a wiring mistake.
  if (!actor) throw new Error('@CurrentActor() needs @Authenticated() or @Roles(…) on the route');
  return actor;
});
