import { Module } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { HttpRequest } from '../../common/http-exchange';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../gateway.config';
import { GatewayDatabase } from '../../storage/gateway-database';
import { DEFAULT_RATE_LIMITS } from '../auth.config';
import { AuthThrottlerGuard } from './auth-throttler.guard';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';
import { rateLimitOf, type RateLimitName } from './rate-limited.decorator';
import { TrustProxySetting } from './trust-proxy.setting';

/** What @nestjs/throttler hands to trackers: the request, loosely typed. */
type TrackedRequest = Readonly<Record<string, unknown>> & Partial<Pick<HttpRequest, 'ip' | 'body'>>;

const addressTracker = (request: TrackedRequest): string => request.ip ?? 'unknown';

/** Login attempts count per client address and e-mail: guessing someone's password from elsewhere does not lock them out. */
const loginTracker = (request: TrackedRequest): string => {
  const body = request.body as { email?: unknown } | undefined;
  const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
  return `${addressTracker(request)}|${email}`;
};

function throttlerOptions(config: GatewayConfig, db: GatewayDatabase): ThrottlerModuleOptions {
  const limits = { ...DEFAULT_RATE_LIMITS, ...config.auth?.rateLimits };
  const throttler = (name: RateLimitName, tracker: (request: TrackedRequest) => string) => ({
    name,
    limit: limits[name].limit,
    ttl: limits[name].windowMs,
    getTracker: tracker,
    // Each route counts only against the limit it names with @RateLimited.
    skipIf: (context: Parameters<typeof rateLimitOf>[0]) => rateLimitOf(context) !== name,
  });
  return {
    throttlers: [throttler('login', loginTracker), throttler('register', addressTracker)],
    storage: new PostgresThrottlerStorage(db),
    setHeaders: false,
  };
}

/** Rate limits of the authentication routes, counted in PostgreSQL across replicas. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [GATEWAY_CONFIG, GatewayDatabase],
      useFactory: throttlerOptions,
    }),
  ],
  providers: [AuthThrottlerGuard, TrustProxySetting],
  exports: [AuthThrottlerGuard],
})
export class RateLimitModule {}
