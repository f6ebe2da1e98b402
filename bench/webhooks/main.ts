/**
 * Webhook intake benchmark: signed Stripe deliveries at a gateway process on this machine,
 * against two baselines measured in the same run on the same gateway — `GET /api/health` (a
 * PostgreSQL and a NATS round trip) and an unsigned delivery (refused 400: the edge, the body
 * parser and the problem filter, no database). The issue asks for 100 ms p99. See bench/README.md.
 *
 *   npm run bench:webhooks [-- --deliveries=2000 --concurrency=8]
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { drive, percentile, signedDelivery, stripeEventPayload, type Delivery, type LoadResult } from './deliveries';
import { startGateway } from './gateway-process';

const option = (name: string, fallback: number): number => {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return given === undefined ? fallback : Number(given);
};
const DELIVERIES = option('deliveries', 2_000);
const CONCURRENCY = option('concurrency', 8);
const WARM_UP = option('warm-up', 200);
/** Each load runs in this many slices, taken in turn, so drift on a shared machine hits all three alike. */
const ROUNDS = 4;

const progress = (line: string): void => void process.stderr.write(`  ${line}\n`);

const health: () => Delivery = () => ({ method: 'GET', path: '/api/health' });
const unsigned: () => Delivery = () => ({
  method: 'POST',
  path: '/api/webhooks/stripe',
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: stripeEventPayload(),
});

const merge = (results: readonly LoadResult[]): LoadResult => ({
  latenciesMs: results.flatMap((result) => result.latenciesMs),
  statuses: results.reduce<Record<number, number>>((all, result) => {
    for (const [status, n] of Object.entries(result.statuses)) all[Number(status)] = (all[Number(status)] ?? 0) + n;
    return all;
  }, {}),
  seconds: results.reduce((sum, result) => sum + result.seconds, 0),
});

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const schema = `bench_webhooks_${randomBytes(4).toString('hex')}`;
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  progress(`starting a gateway (schema ${schema})`);
  const gateway = await startGateway({
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    GATEWAY_SCHEMA: schema,
    STRIPE_WEBHOOK_SECRET: secret,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    NODE_ENV: 'development',
  });
  try {
    const signed = () => signedDelivery(secret);
    progress(`warming up: ${WARM_UP} of each`);
    for (const next of [health, unsigned, signed]) await drive(gateway.origin, WARM_UP, CONCURRENCY, next);

    const loads = { 'GET /api/health': health, 'unsigned delivery (400)': unsigned, 'signed delivery (200)': signed };
    const results = new Map<string, LoadResult[]>();
    for (let round = 1; round <= ROUNDS; round++)
      for (const [name, next] of Object.entries(loads)) {
        progress(`round ${round}/${ROUNDS}: ${name}`);
        const result = await drive(gateway.origin, Math.ceil(DELIVERIES / ROUNDS), CONCURRENCY, next);
        results.set(name, [...(results.get(name) ?? []), result]);
      }
    const loadEnded = performance.now();

    const expected = WARM_UP + ROUNDS * Math.ceil(DELIVERIES / ROUNDS);
    const relayed = await relayCatchUp(db, schema, expected);
    const relayLagMs = performance.now() - loadEnded;

    const summary = [...results].map(([name, slices]) => {
      const all = merge(slices);
      return {
        name,
        requests: all.latenciesMs.length,
        statuses: all.statuses,
        p50Ms: round2(percentile(all.latenciesMs, 0.5)),
        p99Ms: round2(percentile(all.latenciesMs, 0.99)),
        maxMs: round2(Math.max(...all.latenciesMs)),
        perSecond: Math.round(all.latenciesMs.length / all.seconds),
      };
    });
    const p99Of = (name: string) => summary.find((row) => row.name === name)?.p99Ms ?? Number.NaN;
    const webhookP99 = p99Of('signed delivery (200)');
    console.log(`\nStripe webhook intake, ${DELIVERIES} requests per load, ${CONCURRENCY} at a time\n`);
    console.log('| load | requests | statuses | p50 ms | p99 ms | max ms | req/s | signed p99 ÷ this p99 |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const row of summary)
      console.log(
        `| ${row.name} | ${row.requests} | ${JSON.stringify(row.statuses)} | ${row.p50Ms} | ${row.p99Ms} | ${row.maxMs} | ${row.perSecond} | ${round2(webhookP99 / row.p99Ms)} |`,
      );
    console.log(
      `\nrecorded ${relayed.recorded} of ${expected} signed events; relayed to NATS ${round2(relayLagMs)} ms after the load ended`,
    );
    console.log(`target: p99 of a signed delivery < 100 ms — ${webhookP99 < 100 ? 'met' : 'NOT met'} (${webhookP99} ms)\n`);
    console.log(
      JSON.stringify({
        deliveries: DELIVERIES,
        concurrency: CONCURRENCY,
        loads: summary,
        relayLagMs: round2(relayLagMs),
        ...relayed,
      }),
    );
  } finally {
    await gateway.stop();
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.end();
  }
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Waits until the relay's checkpoint has passed every recorded event; at most 60 s. */
async function relayCatchUp(db: Client, schema: string, expected: number): Promise<{ recorded: number; relayed: boolean }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await db.query<{ recorded: string; behind: boolean }>(
      `SELECT (SELECT count(*) FROM ${schema}.events) AS recorded,
              coalesce((SELECT max(global_position) FROM ${schema}.events), 0) >
              coalesce((SELECT global_position FROM ${schema}.checkpoints WHERE subscription = 'stripe-events'), 0) AS behind`,
    );
    const recorded = Number(rows[0]?.recorded);
    if (rows[0]?.behind === false && recorded >= expected) return { recorded, relayed: true };
    if (Date.now() > deadline) return { recorded, relayed: false };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
