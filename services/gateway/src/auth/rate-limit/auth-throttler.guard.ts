import { HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { HttpResponse } from '../../common/http-exchange';
import { ProblemException } from '../../problem/problem-details';

/**
 * @nestjs/throttler's guard, answering with a 429 problem and a plain `Retry-After` (the library
 * would name the header after the throttler, `Retry-After-login`, which clients do not read).
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    context.switchToHttp().getResponse<HttpResponse>().setHeader('Retry-After', String(retryAfter));
    throw new ProblemException({
      type: 'urn:elan:problem:rate-limited',
      title: 'Too many requests',
      status: HttpStatus.TOO_MANY_REQUESTS,
      detail: `Too many attempts: try again in ${retryAfter} s.`,
      retryAfter,
    });
  }
}
