import { Injectable, Logger } from '@nestjs/common';
import { reasonOf } from '@elan/messaging';
import { NatsConnection } from '../connections/nats.connection';
import { PostgresPool } from '../connections/postgres.pool';

/** State of one dependency. */
export type CheckStatus = 'up' | 'down';

/** The dependencies the gateway cannot serve without. */
export interface HealthChecksResult {
  readonly database: CheckStatus;
  readonly nats: CheckStatus;
}

/** Below the usual 5 s timeout of load balancers and Kubernetes probes. */
const CHECK_TIMEOUT_MS = 2_000;

/** Real round trips to each dependency, run in parallel. */
@Injectable()
export class HealthChecks {
  private readonly logger = new Logger(HealthChecks.name);

  constructor(
    private readonly postgres: PostgresPool,
    private readonly nats: NatsConnection,
  ) {}

  async run(): Promise<HealthChecksResult> {
    const [database, nats] = await Promise.all([
      this.check('database', () => this.postgres.ping(CHECK_TIMEOUT_MS)),
      this.check('nats', () => this.nats.ping(CHECK_TIMEOUT_MS)),
    ]);
    return { database, nats };
  }

  private async check(name: keyof HealthChecksResult, ping: () => Promise<void>): Promise<CheckStatus> {
    try {
      await ping();
      return 'up';
    } catch (error) {
      // The reason goes to the log only: the health endpoint is public.
      this.logger.warn(`${name} is down: ${reasonOf(error)}`);
      return 'down';
    }
  }
}
