import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { reasonOf } from '@elan/messaging';
import { GatewayDatabase } from './gateway-database';

/** Often enough to keep the tables small, rarely enough to cost nothing. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Deletes rows nobody can use any more: revoked tokens past their expiry (the token is refused
 * anyway), idempotency records older than their 24 h, finished rate-limit windows. Readers
 * ignore expired rows themselves, so a late or skipped sweep is harmless and replicas may sweep
 * concurrently.
 */
@Injectable()
export class ExpiredRowsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExpiredRowsSweeper.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: GatewayDatabase) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    const s = this.db.schema;
    try {
      await this.db.query(`DELETE FROM ${s}.revoked_tokens WHERE expires_at < now()`);
      await this.db.query(`DELETE FROM ${s}.idempotency_records WHERE expires_at < now()`);
      await this.db.query(`DELETE FROM ${s}.rate_limit_windows WHERE ends_at < now()`);
    } catch (error) {
      this.logger.warn(`could not sweep expired rows: ${reasonOf(error)}`);
    }
  }
}
