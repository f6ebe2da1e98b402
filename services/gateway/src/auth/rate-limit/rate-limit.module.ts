import { Module } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { normaliseEmail } from '../../accounts/email-address';
import type { HttpRequest } from '../../common/http-exchange';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../gateway.config';
import { GatewayDatabase } from '../../storage/gateway-database';
import { DEFAULT_RATE_LIMITS } from '../auth.config';
import { AuthThrottlerGuard } from './auth-throttler.guard';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';
import { countsAgainst, type Throttler } from './rate-limited.decorator';
import { TrustProxySetting } from './trust-proxy.setting';

/** What @nestjs/throttler hands to trackers: the request, loosely typed. */
type TrackedRequest = Readonly<Record<string, unknown>> & Partial<Pick<HttpRequest, 'ip' | 'body'>>;

const addressTracker = (request: TrackedRequest): string => request.ip ?? 'unknown';

/**
 * Login attempts count per client address and e-mail — guessing someone's password from
 * elsewhere does not lock them out — with the address normalised exactly as the account lookup
 * normalises it, so no other spelling of it gets a fresh counter.
 */
const loginTracker = (request: TrackedRequest): string => {
  const body = request.body as { email?: unknown } | undefined;
  const email = typeof body?.email === 'string' ? normaliseEmail(body.email) : '';
  return `${addressTracker(request)}|${email}`;
};

function throttlerOptions(config: GatewayConfig, db: GatewayDatabase): ThrottlerModuleOptions {
  const limits = { ...DEFAULT_RATE_LIMITS, ...config.auth?.rateLimits };
  const throttler = (name: Throttler, tracker: (request: TrackedRequest) => string) => ({
    name,
    limit: limits[name].limit,
    ttl: limits[name].windowMs,
    getTracker: tracker,
    // Each route counts only against the limits of the name it gives @RateLimited.
    skipIf: (context: Parameters<typeof countsAgainst>[0]) => !countsAgainst(context).includes(name),
  });
  return {
    throttlers: [
      throttler('loginPerAddress', addressTracker),
      throttler('login', loginTracker),
      throttler('register', addressTracker),
    ],
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
