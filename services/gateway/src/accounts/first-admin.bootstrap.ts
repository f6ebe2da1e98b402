import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { reasonOf } from '@elan/messaging';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { AccountsService, AdminPasswordNeededError } from './accounts.service';

/** Between attempts while PostgreSQL is unreachable at start-up. */
const RETRY_MS = 5_000;

/**
 * The first admin from the configuration (`ELAN_ADMIN_EMAIL`, `ELAN_ADMIN_PASSWORD`): created or
 * promoted at every start-up, which is idempotent. Start-up waits for it when PostgreSQL is up;
 * when it is not, the gateway starts anyway (its health check says why) and tries again.
 */
@Injectable()
export class FirstAdminBootstrap implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('FirstAdmin');
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly accounts: AccountsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.attempt();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private async attempt(): Promise<void> {
    const admin = this.config.auth?.firstAdmin;
    if (!admin || this.stopped) return;
    try {
      const outcome = await this.accounts.ensureAdmin(admin.email, admin.password, admin.displayName);
      if (outcome !== 'already-admin') this.logger.log(`first admin ${admin.email}: ${outcome}`);
    } catch (error) {
      if (error instanceof AdminPasswordNeededError) {
        this.logger.error(`${error.message} (set ELAN_ADMIN_PASSWORD)`);
        return;
      }
      this.logger.warn(`first admin not ensured yet (${reasonOf(error)}); retrying in ${RETRY_MS / 1000} s`);
      this.retry = setTimeout(() => void this.attempt(), RETRY_MS);
      this.retry.unref();
    }
  }
}
