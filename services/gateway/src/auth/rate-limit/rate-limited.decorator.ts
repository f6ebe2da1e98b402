import { applyDecorators, SetMetadata, UseGuards, type ExecutionContext } from '@nestjs/common';
import { ApiProblem } from '../../openapi/api-problems.decorator';
import { AuthThrottlerGuard } from './auth-throttler.guard';

/** The rate-limited routes of authentication. */
export type RateLimitName = 'login' | 'register';

/** The counters, each with its own limit and caller identity (`AuthOptions.rateLimits`). */
export type Throttler = 'login' | 'loginPerAddress' | 'register';

/**
 * A login counts per client address and e-mail, and per client address across e-mails (one
 * address trying a password on many accounts); a registration per client address.
 */
const THROTTLERS: Readonly<Record<RateLimitName, readonly Throttler[]>> = {
  login: ['loginPerAddress', 'login'],
  register: ['register'],
};

const RATE_LIMIT = 'elan:rate-limit';

/**
 * Counts calls of this route against the named limit (`AuthOptions.rateLimits`): past it, a
 * 429 problem with `Retry-After`.
 */
export const RateLimited = (name: RateLimitName): MethodDecorator =>
  applyDecorators(SetMetadata(RATE_LIMIT, name), UseGuards(AuthThrottlerGuard), ApiProblem(429));

/** The counters a route counts against, if any. */
export const countsAgainst = (context: ExecutionContext): readonly Throttler[] => {
  const name = Reflect.getMetadata(RATE_LIMIT, context.getHandler()) as RateLimitName | undefined;
  return name === undefined ? [] : THROTTLERS[name];
};
