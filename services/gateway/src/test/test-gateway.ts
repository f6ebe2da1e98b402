import { randomBytes } from 'node:crypto';
import type { INestApplication, Provider, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { HttpClient } from '@elan/testing';
import { AppModule } from '../app.module';
import type { AuthOptions } from '../auth/auth.config';
import { configureGateway } from '../gateway';
import type { GatewayConfig } from '../gateway.config';

/** Signs the tokens of test gateways; any replica of a test shares it, as in production. */
export const TEST_AUTH_SECRET = 'test-secret-of-the-gateway-e2e-tests-0123456789';

/** Signs the Stripe events test gateways verify (`stripe.webhooks.generateTestHeaderString`). */
export const TEST_STRIPE_WEBHOOK_SECRET = 'whsec_test_secret_of_the_gateway_tests_0123456789';

/** High enough that no test trips them unless it sets its own. */
const GENEROUS_LIMITS = {
  login: { limit: 10_000, windowMs: 60_000 },
  loginPerAddress: { limit: 10_000, windowMs: 60_000 },
  register: { limit: 10_000, windowMs: 60_000 },
};

/**
 * A gateway schema of this test file's own in the run's database, so test files running in
 * parallel never see each other's accounts, keys or counters.
 */
export function testSchema(label: string): string {
  return `gw_${label}_${randomBytes(4).toString('hex')}`;
}

export function testConfig(schema: string, auth: AuthOptions = {}): GatewayConfig {
  const { DATABASE_URL, NATS_URL } = process.env;
  if (!DATABASE_URL || !NATS_URL) throw new Error('DATABASE_URL and NATS_URL come from the Jest global setup');
  return {
    databaseUrl: DATABASE_URL,
    natsUrl: NATS_URL,
    port: 0,
    schema,
    auth: { secret: TEST_AUTH_SECRET, ...auth, rateLimits: { ...GENEROUS_LIMITS, ...auth.rateLimits } },
    stripeWebhookSecret: TEST_STRIPE_WEBHOOK_SECRET,
  };
}

export interface TestGatewayOptions {
  readonly auth?: AuthOptions;
  /** Routes of the test's own (a slow route, a route needing a role…). */
  readonly controllers?: Type[];
  readonly providers?: Provider[];
  /** Express's `trust proxy`: lets a test speak for several clients through `X-Forwarded-For`. */
  readonly trustProxy?: GatewayConfig['trustProxy'];
  /** A NATS server of the test's own (a stand-in service nobody else can answer for). */
  readonly natsUrl?: string;
  /** Stripe's webhook secret; `null` for a gateway configured without one. */
  readonly stripeWebhookSecret?: string | null;
}

/** The real gateway application, plus the test's own routes, initialised (no port opened). */
export async function startTestGateway(schema: string, options: TestGatewayOptions = {}): Promise<INestApplication> {
  const testingModule = await Test.createTestingModule({
    imports: [
      AppModule.forRoot({
        ...testConfig(schema, options.auth),
        ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
        ...(options.natsUrl === undefined ? {} : { natsUrl: options.natsUrl }),
        ...(options.stripeWebhookSecret === undefined ? {} : { stripeWebhookSecret: options.stripeWebhookSecret ?? undefined }),
      }),
    ],
    controllers: options.controllers ?? [],
    providers: options.providers ?? [],
  }).compile();
  const app = configureGateway(testingModule.createNestApplication({ logger: false }));
  return app.init();
}

// Accounts and addresses come from the kit, one way for the gateway's tests and the e2e tests.
export { PASSWORD, uniqueEmail } from '@elan/testing';

export interface LoggedIn {
  readonly id: string;
  readonly email: string;
  readonly token: string;
}

/** Registers an account and logs it in, through the API. */
export const registerAndLogin = (app: INestApplication, label: string): Promise<LoggedIn> =>
  new HttpClient(app.getHttpServer()).register(label);

/** Runs one query against the run's database (to look at what the API stored). */
export async function queryTestDatabase<Row>(text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString: testConfig('unused').databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}
