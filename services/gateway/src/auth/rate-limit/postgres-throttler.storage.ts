import type { ThrottlerStorage } from '@nestjs/throttler';
import type { GatewayDatabase } from '../../storage/gateway-database';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Rate-limit counters in PostgreSQL, so that every replica counts the same attempts (an
 * in-memory store would let N replicas allow N times the limit). A fixed window per key: one
 * upsert per request, which next to an argon2 verification costs nothing. A caller over the
 * limit is blocked until the window ends (`blockDuration` is not used).
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly db: GatewayDatabase) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const { rows } = await this.db.query<{ hits: number; seconds_left: number }>(
      `INSERT INTO ${this.db.schema}.rate_limit_windows AS w (key, hits, ends_at)
       VALUES ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
       ON CONFLICT (key) DO UPDATE SET
         hits    = CASE WHEN w.ends_at <= now() THEN 1 ELSE w.hits + 1 END,
         ends_at = CASE WHEN w.ends_at <= now() THEN excluded.ends_at ELSE w.ends_at END
       RETURNING hits, greatest(1, ceil(extract(epoch FROM ends_at - now())))::int AS seconds_left`,
      [key, ttl],
    );
    const row = rows[0];
    if (!row) throw new Error('rate-limit upsert returned no row');
    const isBlocked = row.hits > limit;
    return {
      totalHits: row.hits,
      timeToExpire: row.seconds_left,
      isBlocked,
      timeToBlockExpire: isBlocked ? row.seconds_left : 0,
    };
  }
}
