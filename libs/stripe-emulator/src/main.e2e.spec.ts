import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import Stripe from 'stripe';
import { waitUntil } from '@elan/testing';
import { PRODUCTION_REFUSAL, startStripeEmulator } from './emulator';
import { startWebhookReceiver } from './webhook-receiver.fixture';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const MAIN = 'libs/stripe-emulator/src/main.ts';

interface Started {
  readonly child: ChildProcess;
  readonly output: string[];
  readonly exited: Promise<number | null>;
}

const startMain = (env: NodeJS.ProcessEnv): Started => {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', MAIN], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output, exited };
};

describe('the emulator as a process (npm run stripe-emulator)', () => {
  it('prints its URL and serves the SDK, signing webhooks with STRIPE_WEBHOOK_SECRET, of STRIPE_WEBHOOK_EVENTS only', async () => {
    const secret = 'whsec_e2e_process_secret';
    const receiver = await startWebhookReceiver(secret);
    const started = startMain({
      NODE_ENV: 'test',
      STRIPE_EMULATOR_PORT: '0',
      STRIPE_WEBHOOK_SECRET: secret,
      STRIPE_WEBHOOK_URL: receiver.url,
      STRIPE_WEBHOOK_EVENTS: 'payment_intent.succeeded,charge.refunded',
    });
    try {
      const line = await waitUntil(() => started.output.join('').match(/listening on (http:\/\/[\d.]+:(\d+))/), {
        timeoutMs: 30_000,
        description: 'the emulator prints its URL',
      });
      const stripe = new Stripe('sk_test_from_a_service', {
        host: '127.0.0.1',
        port: Number(line[2]),
        protocol: 'http',
        maxNetworkRetries: 0,
      });
      const customer = await stripe.customers.create({ email: 'process@example.org' });
      const intent = await stripe.paymentIntents.create({
        amount: 2_500,
        currency: 'eur',
        customer: customer.id,
        payment_method: 'pm_card_visa',
        confirm: true,
      });
      expect(intent.status).toBe('succeeded');
      await waitUntil(() => receiver.events.some((event) => event.type === 'payment_intent.succeeded'), {
        timeoutMs: 10_000,
        description: 'the signed success reaches the receiver',
      });
      expect(receiver.rejected).toEqual([]);
      // The other events of the payment were recorded before the success and sent nowhere.
      const events = (await stripe.events.list({ limit: 100 })).data;
      expect(events.map((event) => [event.type, event.pending_webhooks]).sort()).toEqual([
        ['charge.succeeded', 0],
        ['customer.created', 0],
        ['payment_intent.created', 0],
        ['payment_intent.succeeded', 1],
      ]);
      expect(receiver.events.map((event) => event.type)).toEqual(['payment_intent.succeeded']);
    } finally {
      started.child.kill('SIGTERM');
      await started.exited;
      await receiver.close();
    }
  });

  it('refuses to start with NODE_ENV=production', async () => {
    const started = startMain({ NODE_ENV: 'production', STRIPE_EMULATOR_PORT: '0' });
    expect(await started.exited).toBe(1);
    expect(started.output.join('')).toContain('refuses to start with NODE_ENV=production');
  });

  it('refuses to start in-process with NODE_ENV=production too (npm start, tests)', async () => {
    const before = process.env['NODE_ENV'];
    process.env['NODE_ENV'] = 'production';
    try {
      await expect(startStripeEmulator({ port: 0 })).rejects.toThrow(PRODUCTION_REFUSAL);
    } finally {
      // Assigning undefined to process.env would store the string 'undefined'.
      if (before === undefined) delete process.env['NODE_ENV'];
      else process.env['NODE_ENV'] = before;
    }
  });
});
