/**
 * The baseline: a bare NestJS application (Express, as the gateway) with one route,
 * `POST /api/bare-pledges`, that INSERTs one row with the services' PostgreSQL client (a `pg`
 * pool from `openPostgresPool`, default size) and answers 201 with the row's id. No NATS, no
 * validation, no event store. Environment: DATABASE_URL, BARE_SCHEMA, PORT. Says 'ready' over IPC.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Pool } from 'pg';
import { openPostgresPool } from '@elan/service-kit';

const POOL = Symbol('pool');
const schema = process.env['BARE_SCHEMA'] ?? 'bench_bare';

@Controller('api/bare-pledges')
class BarePledgeController {
  constructor(@Inject(POOL) private readonly pool: Pool) {}

  @Post()
  @HttpCode(201)
  async place(@Body() body: { amount?: { amount?: number } }): Promise<{ pledgeId: string }> {
    const pledgeId = randomUUID();
    await this.pool.query(`INSERT INTO ${schema}.pledges (pledge_id, amount, body) VALUES ($1, $2, $3)`, [
      pledgeId,
      body.amount?.amount ?? 0,
      JSON.stringify(body),
    ]);
    return { pledgeId };
  }
}

async function main(): Promise<void> {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is required');
  const pool = openPostgresPool({ url, owner: 'bench-bare' });
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await pool.query(
    `CREATE TABLE IF NOT EXISTS ${schema}.pledges (pledge_id uuid PRIMARY KEY, amount bigint NOT NULL, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
  );
  @Module({ controllers: [BarePledgeController], providers: [{ provide: POOL, useValue: pool }] })
  class BareModule {}
  const app = await NestFactory.create(BareModule, { logger: ['error', 'warn'] });
  await app.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1');
  process.send?.('ready');
  process.once('SIGTERM', () => void app.close().finally(() => pool.end().finally(() => process.exit(0))));
}

main().catch((error: unknown) => {
  process.stderr.write(`bare endpoint: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
