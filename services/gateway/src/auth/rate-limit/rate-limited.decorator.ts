import { applyDecorators, SetMetadata, UseGuards, type ExecutionContext } from '@nestjs/common';
import { ApiProblem } from '../../openapi/api-problems.decorator';
import { AuthThrottlerGuard } from './auth-throttler.guard';

/** The rate limits of authentication, each with its own counter and caller identity. */
export type RateLimitName = 'login' | 'register';

const RATE_LIMIT = 'elan:rate-limit';

/**
 * Counts calls of this route against the named limit (`AuthOptions.rateLimits`): past it, a
 * 429 problem with `Retry-After`.
 */
export const RateLimited = (name: RateLimitName): MethodDecorator =>
  applyDecorators(SetMetadata(RATE_LIMIT, name), UseGuards(AuthThrottlerGuard), ApiProblem(429));

/** The limit a route counts against, if any. */
export const rateLimitOf = (context: ExecutionContext): RateLimitName | undefined =>
  Reflect.getMetadata(RATE_LIMIT, context.getHandler()) as RateLimitName | undefined;
