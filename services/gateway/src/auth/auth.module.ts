import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsModule } from '../accounts/accounts.module';
import { AccessTokens } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RevokedTokens } from './revoked-tokens.repository';

/**
 * Access tokens, login and logout, and the global guard behind `@Authenticated()`, `@Roles(…)`
 * and `@CurrentActor()`, which every later controller uses.
 */
@Module({
  imports: [AccountsModule, RateLimitModule],
  controllers: [AuthController],
  providers: [AccessTokens, RevokedTokens, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
