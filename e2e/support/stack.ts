import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nkeyAuthenticator } from 'nats';
import { STRIPE_EVENT_TYPES_HANDLED } from '@elan/contracts';
import { startStripeEmulator, type RunningStripeEmulator } from '@elan/stripe-emulator';
import { freePort, spawnNatsServer, waitUntil, type SpawnedNatsServer } from '@elan/testing';
import { Child, REPO_ROOT, run, type Finished } from './child-process';

/** Start-up of a service, TypeScript compiled on the fly by @swc-node/register on a busy CI machine included. */
const START_TIMEOUT_MS = 60_000;
/** Attempts at starting the gateway: another process may take its free port before it binds it. */
const GATEWAY_ATTEMPTS = 3;

const CAMPAIGN_MAIN = 'services/campaign/src/main.ts';
const PLEDGE_MAIN = 'services/pledge/src/main.ts';
const TIPPING_MAIN = 'services/tipping/src/main.ts';
const PAYOUT_MAIN = 'services/payout/src/main.ts';
const NOTIFICATION_MAIN = 'services/notification/src/main.ts';
const GATEWAY_MAIN = 'services/gateway/src/main.ts';

/** The first admin of a stack, made by the gateway at start-up from ELAN_ADMIN_EMAIL / ELAN_ADMIN_PASSWORD. */
export interface Credentials {
  readonly email: string;
  readonly password: string;
}

const node = (main: string): { command: string; args: string[] } => ({
  command: process.execPath,
  args: ['-r', '@swc-node/register', join(REPO_ROOT, main)],
});

/** The processes of a stack that hold a NATS user, as `npm run nats:credentials` names them. */
export type StackProcess = 'gateway' | 'campaign' | 'pledge' | 'tipping' | 'payout' | 'notification';

export interface StackOptions {
  /**
   * Money moves: the Stripe emulator (in this test process, delivering its webhooks to the
   * gateway), the pledge, tipping and payout services. Without, only the campaign service and the gateway.
   */
  readonly payments?: boolean;
  /** Extra environment for every process (PLEDGE_TALLY_GRACE_MS, CAMPAIGN_…). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Every process of Élan, real, for one test file: a NATS server of the stack's own (so no other
 * stack's campaign service answers its requests) that lets in only the users that
 * `npm run nats:credentials` made for the stack, each process with its own seed file (ADR 0011),
 * the campaign service (`CAMPAIGN_RULES=test`:
 * campaigns may last seconds) and the gateway, each a child process started the way it is
 * deployed, on schemas of their own in the Jest run's database. Start it in `beforeAll`, share
 * it across the file's tests, `stop()` it in `afterAll`.
 */
export class Stack {
  private campaign: Child | undefined;
  private gateway: Child | undefined;
  private pledge: Child | undefined;
  private tipping: Child | undefined;
  private payout: Child | undefined;
  private notification: Child | undefined;
  private origin: string | undefined;

  private constructor(
    readonly admin: Credentials,
    private readonly nats: SpawnedNatsServer,
    private readonly env: NodeJS.ProcessEnv,
    private readonly credentialsDir: string,
    /** The stack's Stripe emulator, when started with `payments`. */
    readonly stripe: RunningStripeEmulator | undefined,
  ) {}

  static async start(label: string, options: StackOptions = {}): Promise<Stack> {
    const { DATABASE_URL } = process.env;
    if (!DATABASE_URL) throw new Error('DATABASE_URL comes from the Jest global setup');
    const suffix = `${label}_${randomBytes(4).toString('hex')}`;
    const credentialsDir = await makeNatsCredentials(label);
    const nats = await spawnNatsServer({
      storeDir: await mkdtemp(join(tmpdir(), `elan-e2e-nats-${label}-`)),
      keepData: false,
      startTimeoutMs: START_TIMEOUT_MS,
      authorization: {
        config: await readFile(join(credentialsDir, 'nats-authorization.conf'), 'utf8'),
        // The campaign service's user may ask for JetStream's account info, as the probe does.
        probeAs: {
          authenticator: nkeyAuthenticator(await seedBytes(join(credentialsDir, 'campaign.nkey'))),
          inboxPrefix: '_INBOX.campaign',
        },
      },
    });
    const admin = {
      email: `admin-${suffix.replace(/_/g, '-')}@example.org`,
      password: `admin password ${randomBytes(8).toString('hex')}`,
    };
    const env: NodeJS.ProcessEnv = {
      ...withoutNatsSeed(process.env),
      DATABASE_URL,
      NATS_URL: nats.url,
      CAMPAIGN_SCHEMA: `e2e_campaign_${suffix}`,
      CAMPAIGN_RULES: 'test',
      SHUTDOWN_GRACE_MS: '0',
      GATEWAY_SCHEMA: `e2e_gateway_${suffix}`,
      HOST: '127.0.0.1',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      AUTH_LOGIN_LIMIT_PER_MINUTE: '10000',
      AUTH_LOGIN_LIMIT_PER_ADDRESS_PER_MINUTE: '10000',
      AUTH_REGISTER_LIMIT_PER_MINUTE: '10000',
      ELAN_ADMIN_EMAIL: admin.email,
      ELAN_ADMIN_PASSWORD: admin.password,
      STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('base64url')}`,
      PLEDGE_SCHEMA: `e2e_pledge_${suffix}`,
      PLEDGE_RULES: 'test',
      TIPPING_SCHEMA: `e2e_tipping_${suffix}`,
      PAYOUT_SCHEMA: `e2e_payout_${suffix}`,
      NOTIFICATION_SCHEMA: `e2e_notification_${suffix}`,
      NOTIFICATION_WORKER_INTERVAL_MS: '100',
      // One checkpoint key per stack, for every money service (ADR 0025): PKCS#8 DER in base64.
      TRANSPARENCY_SIGNING_KEY: generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'der' })
        .toString('base64'),
      ...options.env,
    };
    const stripe = options.payments
      ? await startStripeEmulator({ webhookSecret: env.STRIPE_WEBHOOK_SECRET, webhookRetry: { initialMs: 100, maxMs: 2_000 } })
      : undefined;
    if (stripe) Object.assign(env, { STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_API_URL: stripe.url });
    const stack = new Stack(admin, nats, env, credentialsDir, stripe);
    try {
      const [, url] = await Promise.all([
        stack.startCampaignService(),
        stack.startGateway(),
        ...(stripe ? [stack.startPledgeService(), stack.startTippingService(), stack.startPayoutService()] : []),
      ]);
      stack.origin = url;
      // As Élan's endpoint is registered at Stripe: only the event types a service acts on.
      await stripe?.control.addWebhookEndpoint(`${url}/api/webhooks/stripe`, STRIPE_EVENT_TYPES_HANDLED);
      return stack;
    } catch (error) {
      await stack.stop();
      throw error;
    }
  }

  /** The gateway's origin, e.g. `http://127.0.0.1:41234`; routes are under `/api`. */
  get url(): string {
    if (this.origin === undefined) throw new Error('the stack has not started');
    return this.origin;
  }

  /** The environment of the stack's processes: DATABASE_URL, CAMPAIGN_SCHEMA, ELAN_ADMIN_*… (no NATS seed). */
  get environment(): NodeJS.ProcessEnv {
    return { ...this.env };
  }

  /** The stack's Stripe emulator; only a stack started with `payments` has one. */
  get payments(): RunningStripeEmulator {
    if (!this.stripe) throw new Error('the stack runs without the Stripe emulator: start it with { payments: true }');
    return this.stripe;
  }

  /** The stack's NATS server, which lets in only the stack's users. */
  get natsUrl(): string {
    return this.nats.url;
  }

  /** The NKey seed file the stack gave that process, to connect as it would. */
  natsSeedFileOf(process: StackProcess): string {
    return join(this.credentialsDir, `${process}.nkey`);
  }

  /** What a process of the stack printed last (its JSON log lines), to read what it said. */
  outputOf(process: StackProcess): string {
    const child = {
      gateway: this.gateway,
      campaign: this.campaign,
      pledge: this.pledge,
      tipping: this.tipping,
      payout: this.payout,
      notification: this.notification,
    }[process];
    return child?.tail(1_000) ?? '';
  }

  /** Where a process serves `/metrics`, as its 'ready' line says: only in a stack started with METRICS_PORT. */
  metricsUrlOf(process: StackProcess): string | undefined {
    return /\(metrics: (http:\/\/[^)\s"]+)\)/.exec(this.outputOf(process))?.[1];
  }

  /** A process's environment: the stack's, and the NATS seed of that process alone. */
  private envOf(process: StackProcess): NodeJS.ProcessEnv {
    return { ...this.env, NATS_NKEY_SEED_FILE: this.natsSeedFileOf(process) };
  }

  /** Starts the campaign service (again) and resolves once it said 'ready': it answers requests. */
  async startCampaignService(): Promise<void> {
    if (this.campaign?.running) throw new Error('the campaign service is running already');
    this.campaign = await this.startService('campaign', CAMPAIGN_MAIN);
  }

  /** Starts the pledge service (again, after a kill) once it said 'ready'. */
  async startPledgeService(): Promise<void> {
    if (this.pledge?.running) throw new Error('the pledge service is running already');
    this.pledge = await this.startService('pledge', PLEDGE_MAIN);
  }

  /** Kills the pledge service without warning (SIGKILL): a crash in the middle of its work. */
  async killPledgeService(): Promise<void> {
    await this.pledge?.kill();
    this.pledge = undefined;
  }

  async startTippingService(): Promise<void> {
    if (this.tipping?.running) throw new Error('the tipping service is running already');
    this.tipping = await this.startService('tipping', TIPPING_MAIN);
  }

  async startPayoutService(): Promise<void> {
    if (this.payout?.running) throw new Error('the payout service is running already');
    this.payout = await this.startService('payout', PAYOUT_MAIN);
  }

  /** Starts the notification service, sending to `smtpUrl` (a test's mail catcher), once it said 'ready'. */
  async startNotificationService(smtpUrl: string): Promise<void> {
    if (this.notification?.running) throw new Error('the notification service is running already');
    this.notification = await this.startService('notification', NOTIFICATION_MAIN, { SMTP_URL: smtpUrl });
  }

  /** Stops the notification service (SIGTERM) and resolves to its exit code. */
  async stopNotificationService(): Promise<number | null> {
    const code = (await this.notification?.stop()) ?? null;
    this.notification = undefined;
    return code;
  }

  private async startService(
    process: 'campaign' | 'pledge' | 'tipping' | 'payout' | 'notification',
    main: string,
    env: NodeJS.ProcessEnv = {},
  ): Promise<Child> {
    const name = `${process} service`;
    const child = Child.start({ name, ...node(main), env: { ...this.envOf(process), ...env }, ipc: true });
    const ready = new Promise<void>((done) => child.process.on('message', (message) => message === 'ready' && done()));
    await child.unlessItExits(withDeadline(ready, START_TIMEOUT_MS, () => `the ${name} did not say 'ready':\n${child.tail()}`));
    return child;
  }

  /** Stops the campaign service (SIGTERM) and resolves to its exit code. */
  async stopCampaignService(): Promise<number | null> {
    const code = (await this.campaign?.stop()) ?? null;
    this.campaign = undefined;
    return code;
  }

  /** Runs `npm run <script>` against the stack (its database, schemas and NATS), to its end. */
  runScript(script: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<Finished> {
    return run('npm', ['run', '--silent', script], { ...this.env, ...env }, timeoutMs);
  }

  /** Stops every process of the stack, even when one refuses to stop. */
  async stop(): Promise<void> {
    const stopped = await Promise.allSettled([
      this.gateway?.stop(),
      this.campaign?.stop(),
      this.pledge?.stop(),
      this.tipping?.stop(),
      this.payout?.stop(),
      this.notification?.stop(),
      this.stripe?.stop(),
    ]);
    await this.nats.stop();
    await rm(this.credentialsDir, { recursive: true, force: true });
    const failed = stopped.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** The gateway on a free port, once `/api/health` answers 200 (PostgreSQL and NATS up). */
  private async startGateway(): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const child = Child.start({
        name: 'gateway',
        ...node(GATEWAY_MAIN),
        env: { ...this.envOf('gateway'), PORT: String(port) },
      });
      this.gateway = child;
      try {
        await child.unlessItExits(
          waitUntil(async () => (await fetch(`${url}/api/health`)).status === 200, {
            timeoutMs: START_TIMEOUT_MS,
            intervalMs: 100,
            description: `the gateway at ${url} is healthy`,
          }),
        );
        return url;
      } catch (error) {
        await child.stop();
        const portTaken = child.tail().includes('EADDRINUSE');
        if (!portTaken || attempt >= GATEWAY_ATTEMPTS) throw error;
      }
    }
  }
}

/** The stack's NKeys, made the way an operator makes them: `npm run nats:credentials`. */
async function makeNatsCredentials(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `elan-e2e-nats-credentials-${label}-`));
  const made = await run(
    'npm',
    ['run', '--silent', 'nats:credentials', '--', '--out', dir],
    withoutNatsSeed(process.env),
    START_TIMEOUT_MS,
  );
  if (made.code !== 0) throw new Error(`npm run nats:credentials failed:\n${made.stderr}`);
  return dir;
}

/** A seed file's key, as `nkeyAuthenticator` takes it (without the file's newline). */
export const seedBytes = async (file: string): Promise<Uint8Array> =>
  new TextEncoder().encode((await readFile(file, 'utf8')).trim());

/** A seed in the test runner's own environment must not reach a process it was not made for. */
const withoutNatsSeed = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const { NATS_NKEY_SEED: _seed, NATS_NKEY_SEED_FILE: _file, ...rest } = env;
  return rest;
};

const withDeadline = <T>(waiting: Promise<T>, ms: number, message: () => string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_done, fail) => {
    timer = setTimeout(() => fail(new Error(message())), ms);
  });
  return Promise.race([waiting, expired]).finally(() => clearTimeout(timer));
};
