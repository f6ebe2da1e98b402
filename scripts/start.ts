/**
 * `npm start`: the whole stack on one machine. Finds or starts PostgreSQL and NATS (see
 * `ensureInfrastructure`: DATABASE_URL / NATS_URL, else the default local ports, else an
 * embedded PostgreSQL and a nats-server child with their data under tmp/infra), makes sure the
 * `elan` database exists, runs the campaign, pledge, tipping and payout services, the mail catcher (unless
 * SMTP_URL is set) and the notification service, and then the gateway in this process, and prints the URLs.
 * Last, the web front (ADR 0030) on WEB_PORT (8080), reading the gateway's public API.
 *
 * NATS users (ADR 0011): unless NATS_URL is set, the nats-server is started by this script from
 * a configuration with one NKey user per service, made fresh at every start and held in memory
 * only (the server's file has the public keys); each service connects with its own seed. With
 * NATS_URL, the services connect to that server without credentials, as to any open server.
 *
 * Stripe (ADR 0019): without STRIPE_SECRET_KEY, the project's Stripe emulator starts (state in
 * tmp/infra/stripe-emulator.json), the gateway checks webhooks with its secret, and the emulator
 * delivers to the gateway's `/api/webhooks/stripe`; with the key, the same code talks to Stripe.
 *
 * Ctrl-C or SIGTERM stops everything in the reverse order of start (the service kit's StopStack): the web front, the gateway (which closes
 * its pool and NATS connection), the payout, tipping and pledge services, the campaign service (its
 * subscriptions, scheduler, request handlers and connections), then whatever servers were started, and nothing else.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { STRIPE_EVENT_TYPES_HANDLED } from '@elan/contracts';
import { createPeerCredentials, natsPeerOptions, renderNatsAuthorization, seedOf, type PeerCredential } from '@elan/messaging';
import { Logger } from '@nestjs/common';
import { StopStack } from '@elan/service-kit';
import { startStripeEmulator, type RunningStripeEmulator } from '@elan/stripe-emulator';
import { createDatabaseIfAbsent, ensureInfrastructure, maskUrl, type NatsServerAuthorization } from '@elan/testing';
import { campaignConfigFromEnv, createCampaignService } from '../services/campaign/src';
import { authOptionsFromEnv, createGateway, listenGateway } from '../services/gateway/src';
import { payoutConfigFromEnv, startPayoutService } from '../services/payout/src';
import { pledgeConfigFromEnv, startPledgeService } from '../services/pledge/src';
import { startTippingService, tippingConfigFromEnv } from '../services/tipping/src';
import { DEFAULT_WEB_PORT, startWeb, webConfigFromEnv } from '../services/web/src';
import { notificationConfigFromEnv, startNotificationService } from '../services/notification/src';
import { startMailCatcher, type RunningMailCatcher } from '@elan/mail-catcher';

/** Where the Stripe emulator keeps its state, so a restart keeps test payments (ADR 0019). */
const STRIPE_EMULATOR_STATE = join('tmp', 'infra', 'stripe-emulator.json');
/** The emulator's port unless STRIPE_EMULATOR_PORT says otherwise: fixed, so `npm run seed` finds it. */
const DEFAULT_STRIPE_EMULATOR_PORT = 12111;

/**
 * Stripe: with STRIPE_SECRET_KEY, the real API (test or live keys, and STRIPE_WEBHOOK_SECRET from
 * the endpoint Stripe signs with); without, the project's emulator, which the same SDK code talks
 * to, signing its webhooks with a secret the gateway is given. It refuses NODE_ENV=production.
 */
async function startStripe(shutdown: StopStack): Promise<RunningStripeEmulator | undefined> {
  if (process.env.STRIPE_SECRET_KEY) return undefined;
  await mkdir(dirname(STRIPE_EMULATOR_STATE), { recursive: true });
  const emulator = await startStripeEmulator({
    port: Number(process.env.STRIPE_EMULATOR_PORT ?? DEFAULT_STRIPE_EMULATOR_PORT),
    stateFile: STRIPE_EMULATOR_STATE,
    ...(process.env.STRIPE_WEBHOOK_SECRET && { webhookSecret: process.env.STRIPE_WEBHOOK_SECRET }),
  });
  shutdown.push('the Stripe emulator', () => emulator.stop());
  return emulator;
}

/**
 * Mail (ADR 0031): with SMTP_URL, the notification service sends through that server; without,
 * the project's mail catcher takes every mail (SMTP on 1025, its inbox page on 1080, or
 * MAIL_CATCHER_SMTP_PORT / MAIL_CATCHER_HTTP_PORT), so nothing leaves the machine.
 */
async function startMail(shutdown: StopStack): Promise<RunningMailCatcher | undefined> {
  if (process.env.SMTP_URL) return undefined;
  const catcher = await startMailCatcher({
    smtpPort: Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025),
    httpPort: Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 1080),
  });
  shutdown.push('the mail catcher', () => catcher.stop());
  return catcher;
}

/** Where the gateway of a local stack listens unless PORT says otherwise. */
const DEFAULT_PORT = 3000;
/** After an orderly stop, anything still holding the process is a bug worth a loud exit. */
const EXIT_WATCHDOG_MS = 10_000;

/** The server's users, and who probes it: the campaign service may ask for JetStream's account info. */
const authorizationOf = (peers: readonly PeerCredential[]): NatsServerAuthorization => ({
  config: renderNatsAuthorization(peers),
  probeAs: natsPeerOptions('campaign', seedOf(peers, 'campaign')),
});

async function start(shutdown: StopStack): Promise<void> {
  console.log('Élan: looking for PostgreSQL and NATS…');
  const peers = process.env.NATS_URL ? undefined : createPeerCredentials();
  const infrastructure = await ensureInfrastructure({
    keepData: true,
    ...(peers && { natsAuthorization: authorizationOf(peers) }),
  });
  const started = [
    ...(infrastructure.databaseOrigin === 'embedded' ? ['the embedded PostgreSQL'] : []),
    ...(infrastructure.natsOrigin === 'spawned' ? ['the nats-server'] : []),
  ];
  if (started.length > 0) shutdown.push(started.join(' and '), () => infrastructure.stop());
  if (shutdown.stopping) return;

  // A given DATABASE_URL names the database to use; a server we found or started gets its own.
  const databaseUrl =
    infrastructure.databaseOrigin === 'env'
      ? infrastructure.databaseUrl
      : await createDatabaseIfAbsent(infrastructure.databaseUrl, 'elan');
  if (shutdown.stopping) return;

  // A service's environment: its own variables (CAMPAIGN_SCHEMA, CAMPAIGN_RULES…) may come from
  // ours; the database, NATS and its NKey seed are the ones found, started or made above.
  // The Stripe emulator first: the pledge, tipping and payout services point the SDK at it.
  const stripe = await startStripe(shutdown);
  if (shutdown.stopping) return;
  const stripeWebhookSecret = stripe?.webhookSecret ?? process.env.STRIPE_WEBHOOK_SECRET;
  const envOf = (peer: 'campaign' | 'pledge' | 'tipping' | 'payout' | 'notification'): NodeJS.ProcessEnv => ({
    ...process.env,
    DATABASE_URL: databaseUrl,
    NATS_URL: infrastructure.natsUrl,
    NATS_NKEY_SEED: peers && seedOf(peers, peer),
    NATS_NKEY_SEED_FILE: undefined,
    // Links in mails and the payout onboarding's way back lead to the site people read, the web front.
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://localhost:${process.env.WEB_PORT || DEFAULT_WEB_PORT}`,
    ...(stripe && { STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_API_URL: stripe.url }),
  });
  const campaignConfig = campaignConfigFromEnv(envOf('campaign'));
  const campaign = await createCampaignService(campaignConfig);
  shutdown.push('the campaign service', () => campaign.close());
  if (shutdown.stopping) return;
  const pledgeConfig = pledgeConfigFromEnv(envOf('pledge'));
  const pledge = await startPledgeService(pledgeConfig);
  shutdown.push('the pledge service', () => pledge.close());
  if (shutdown.stopping) return;
  const tippingConfig = tippingConfigFromEnv(envOf('tipping'));
  const tipping = await startTippingService(tippingConfig);
  shutdown.push('the tipping service', () => tipping.close());
  if (shutdown.stopping) return;
  const payoutConfig = payoutConfigFromEnv(envOf('payout'));
  const payout = await startPayoutService(payoutConfig);
  shutdown.push('the payout service', () => payout.close());
  if (shutdown.stopping) return;
  const mailCatcher = await startMail(shutdown);
  if (shutdown.stopping) return;
  const notificationConfig = notificationConfigFromEnv({
    ...envOf('notification'),
    ...(mailCatcher && { SMTP_URL: mailCatcher.smtpUrl }),
  });
  const notification = await startNotificationService(notificationConfig);
  shutdown.push('the notification service', () => notification.close());
  if (shutdown.stopping) return;

  const config = {
    databaseUrl,
    ...(stripeWebhookSecret && { stripeWebhookSecret }),
    natsUrl: infrastructure.natsUrl,
    ...(peers && { natsSeed: seedOf(peers, 'gateway') }),
    port: process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT,
    ...(process.env.HOST ? { host: process.env.HOST } : {}),
    // AUTH_SECRET, the rate limits and the first admin (ELAN_ADMIN_EMAIL / ELAN_ADMIN_PASSWORD).
    auth: authOptionsFromEnv(process.env),
    // The web front runs on this machine and forwards each visitor's address (X-Forwarded-For):
    // the log-in and registration limits count per visitor, not per web front.
    trustProxy: 'loopback',
  };
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65_535)
    throw new Error(`PORT must be a port number, got ${JSON.stringify(process.env.PORT)}`);
  const gateway = await createGateway(config);
  shutdown.push('the gateway', () => gateway.close());
  if (shutdown.stopping) return;
  const url = await listenGateway(gateway, config);
  // The emulator delivers its signed events to the gateway, as Stripe does to a registered endpoint.
  await stripe?.control.addWebhookEndpoint(`${url}/webhooks/stripe`, STRIPE_EVENT_TYPES_HANDLED);
  if (shutdown.stopping) return;

  // The web front (ADR 0030) reads this gateway's public API, as any client would: WEB_PORT, 8080 by default.
  // With the emulator, the checkout's card step is its test-card page, as the browser reaches it.
  const web = await startWeb(
    webConfigFromEnv({
      ...process.env,
      ELAN_API_URL: new URL(url).origin,
      ...(stripe && { STRIPE_EMULATOR_URL: stripe.url }),
      // The holder's payout account form is sent on to the emulator's onboarding page.
      ...(stripe && { WEB_ONBOARDING_ORIGIN: new URL(stripe.url).origin }),
    }),
  );
  shutdown.push('the web front', () => web.close());

  console.log(
    [
      '',
      'Élan is running:',
      `  Web         ${web.url} (the site: campaigns and their pages, in French and English)`,
      `  Gateway     ${url}`,
      `  Health      ${url}/health`,
      `  API docs    ${url}/docs`,
      `  Campaign    answering rpc.campaign.* on NATS (schema ${campaignConfig.schema})`,
      `  Pledge      answering rpc.pledge.* on NATS: pledges, backers, receipts, personal data (schema ${pledgeConfig.schema})`,
      `  Tipping     answering rpc.tipping.* on NATS: suggestions, the ledger (GET ${url}/tips/ledger), tip refunds (schema ${tippingConfig.schema})`,
      `  Payout      answering rpc.payout.* on NATS: payout accounts (POST/GET ${url}/me/payout-account; schema ${payoutConfig.schema})`,
      `  Mail        ${mailCatcher ? `the mail catcher: inbox at ${mailCatcher.inboxUrl} (SMTP ${mailCatcher.smtpUrl})` : `sent through SMTP_URL (${new URL(notificationConfig.smtpUrl).host})`}; notification schema ${notificationConfig.schema}`,
      `  Ledger      signed checkpoints at ${url}/transparency/checkpoints (key: ${process.env.TRANSPARENCY_SIGNING_KEY ? 'TRANSPARENCY_SIGNING_KEY' : 'the development key in tmp/infra/transparency-signing.key'}); check them with npm run verify-ledger -- ${url}`,
      `  Stripe      ${stripe ? `emulator at ${stripe.url} (state in ${STRIPE_EMULATOR_STATE}; webhooks to ${url}/webhooks/stripe)` : `the Stripe API (STRIPE_SECRET_KEY; webhooks checked with ${stripeWebhookSecret ? 'STRIPE_WEBHOOK_SECRET' : 'no secret: set STRIPE_WEBHOOK_SECRET'})`}`,
      `  Database    ${maskUrl(databaseUrl)}`,
      `  NATS        ${maskUrl(infrastructure.natsUrl)} (${peers ? `users ${peers.map((p) => p.peer).join(', ')}, NKeys made for this run` : 'no credentials: NATS_URL is set'})`,
      '',
      'Infrastructure:',
      ...infrastructure.describe().map((line) => `  ${line}`),
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

function main(): void {
  // The service kit's stop stack: every step once, in reverse, each logged.
  const shutdown = new StopStack(new Logger('Élan'));
  const startup = start(shutdown);
  const stop = async (why: string, exitCode: number): Promise<void> => {
    console.log(`\n${why}: stopping…`);
    // A signal during start-up waits for the step in progress, then stops what it started.
    await startup.catch(() => undefined);
    const clean = await shutdown.stop().then(
      () => true,
      () => false,
    );
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.exitCode = clean ? exitCode : 1;
    // The process now ends by itself once nothing is left open; if it does not, say so.
    setTimeout(() => {
      console.error(`still running ${EXIT_WATCHDOG_MS / 1000} s after stopping: something was left open`);
      process.exit(1);
    }, EXIT_WATCHDOG_MS).unref();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (shutdown.stopping) {
      console.log(`${signal} again: already stopping (send SIGKILL to abandon).`);
      return;
    }
    void stop(signal, 0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  startup.catch((error: unknown) => {
    console.error(`\nÉlan could not start:\n${error instanceof Error ? error.message : String(error)}`);
    if (!shutdown.stopping) void stop('start-up failed', 1);
  });
}

main();
