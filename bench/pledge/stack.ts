/**
 * Élan with payments, for the bench: its own NATS server (NKeys made by `npm run
 * nats:credentials`, as an operator makes them), the Stripe emulator, the campaign, pledge and
 * tipping services and the gateway, each a process of its own on schemas of its own in the run's
 * database. The same set the end-to-end stack starts, written lean here because a bench may not
 * import another project's files.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nkeyAuthenticator } from 'nats';
import { STRIPE_EVENT_TYPES_HANDLED } from '@elan/contracts';
import { StripeEmulatorControl } from '@elan/stripe-emulator';
import { freePort, spawnNatsServer, type SpawnedNatsServer } from '@elan/testing';
import type { EmulatorReady } from './emulator-process';
import { firstMessage, healthy, npmRun, startNode, START_TIMEOUT_MS, type Started } from './processes';

export interface Stack {
  readonly gatewayUrl: string;
  readonly stripe: { readonly url: string; readonly secretKey: string };
  readonly admin: { readonly email: string; readonly password: string };
  /** The pid of every process of the stack, by name: what the CPU split reads. */
  readonly pids: Readonly<Record<string, number | undefined>>;
  stop(): Promise<void>;
}

const SERVICES = {
  campaign: 'services/campaign/src/main.ts',
  pledge: 'services/pledge/src/main.ts',
  tipping: 'services/tipping/src/main.ts',
} as const;

const withoutNatsSeed = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const { NATS_NKEY_SEED: _seed, NATS_NKEY_SEED_FILE: _file, ...rest } = env;
  return rest;
};

export async function startStack(databaseUrl: string): Promise<Stack> {
  const suffix = randomBytes(4).toString('hex');
  const credentialsDir = await mkdtemp(join(tmpdir(), 'elan-bench-pledge-nkeys-'));
  const storeDir = await mkdtemp(join(tmpdir(), 'elan-bench-pledge-nats-'));
  const started: Started[] = [];
  let nats: SpawnedNatsServer | undefined;
  const stop = async (): Promise<void> => {
    await Promise.allSettled(started.map((process) => process.stop()));
    await nats?.stop();
    await rm(credentialsDir, { recursive: true, force: true });
    await rm(storeDir, { recursive: true, force: true });
  };
  try {
    const base = withoutNatsSeed(process.env);
    await npmRun('nats:credentials', ['--out', credentialsDir], base);
    const seedOf = (peer: string): string => join(credentialsDir, `${peer}.nkey`);
    nats = await spawnNatsServer({
      storeDir,
      keepData: false,
      startTimeoutMs: START_TIMEOUT_MS,
      authorization: {
        config: await readFile(join(credentialsDir, 'nats-authorization.conf'), 'utf8'),
        probeAs: {
          authenticator: nkeyAuthenticator(new TextEncoder().encode((await readFile(seedOf('campaign'), 'utf8')).trim())),
          inboxPrefix: '_INBOX.campaign',
        },
      },
    });
    const admin = { email: `admin-${suffix}@example.org`, password: `admin password ${randomBytes(8).toString('hex')}` };
    const webhookSecret = `whsec_${randomBytes(24).toString('base64url')}`;
    const emulator = startNode(
      'stripe emulator',
      'bench/pledge/emulator-process.ts',
      { ...base, STRIPE_WEBHOOK_SECRET: webhookSecret },
      true,
    );
    started.push(emulator);
    const stripe = await firstMessage(emulator, (message) =>
      (message as Partial<EmulatorReady>)?.kind === 'emulator-ready' ? (message as EmulatorReady) : undefined,
    );
    const env: NodeJS.ProcessEnv = {
      ...base,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      NATS_URL: nats.url,
      HOST: '127.0.0.1',
      SHUTDOWN_GRACE_MS: '0',
      CAMPAIGN_SCHEMA: 'bench_campaign',
      CAMPAIGN_RULES: 'test',
      GATEWAY_SCHEMA: 'bench_gateway',
      PLEDGE_SCHEMA: 'bench_pledge',
      PLEDGE_RULES: 'test',
      TIPPING_SCHEMA: 'bench_tipping',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      AUTH_LOGIN_LIMIT_PER_MINUTE: '10000',
      AUTH_LOGIN_LIMIT_PER_ADDRESS_PER_MINUTE: '10000',
      AUTH_REGISTER_LIMIT_PER_MINUTE: '10000',
      ELAN_ADMIN_EMAIL: admin.email,
      ELAN_ADMIN_PASSWORD: admin.password,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_API_URL: stripe.url,
    };
    const services = Object.entries(SERVICES).map(([name, main]) => {
      const service = startNode(`${name} service`, main, { ...env, NATS_NKEY_SEED_FILE: seedOf(name) }, true);
      started.push(service);
      return firstMessage(service, (message) => (message === 'ready' ? true : undefined)).then(() => [name, service] as const);
    });
    const port = await freePort();
    const gatewayUrl = `http://127.0.0.1:${port}`;
    const gateway = startNode('gateway', 'services/gateway/src/main.ts', {
      ...env,
      PORT: String(port),
      NATS_NKEY_SEED_FILE: seedOf('gateway'),
    });
    started.push(gateway);
    const running = await Promise.all(services);
    await healthy(gateway, `${gatewayUrl}/api/health`);
    await new StripeEmulatorControl(stripe.url).addWebhookEndpoint(
      `${gatewayUrl}/api/webhooks/stripe`,
      STRIPE_EVENT_TYPES_HANDLED,
    );
    const pids: Record<string, number | undefined> = {
      gateway: gateway.pid,
      emulator: emulator.pid,
      'nats-server': await natsServerPid(storeDir),
    };
    for (const [name, service] of running) pids[name] = service.pid;
    return { gatewayUrl, stripe, admin, pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The nats-server serving `storeDir` (its `-sd` argument), found in /proc. */
async function natsServerPid(storeDir: string): Promise<number | undefined> {
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const args = await readFile(`/proc/${entry}/cmdline`, 'utf8').then(
      (text) => text.split('\0'),
      () => [] as string[],
    );
    if (args.some((arg) => arg.endsWith('nats-server')) && args.includes(storeDir)) return Number(entry);
  }
  return undefined;
}
