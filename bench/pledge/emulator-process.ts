/**
 * The Stripe emulator in a process of its own, so that its CPU shows apart from the load
 * generator's. Environment: STRIPE_WEBHOOK_SECRET. Sends `{ url, secretKey }` over IPC once it
 * listens; stops on SIGTERM.
 */
import { startStripeEmulator } from '@elan/stripe-emulator';

export interface EmulatorReady {
  readonly kind: 'emulator-ready';
  readonly url: string;
  readonly secretKey: string;
}

async function main(): Promise<void> {
  const emulator = await startStripeEmulator({
    webhookSecret: process.env['STRIPE_WEBHOOK_SECRET'],
    // As the end-to-end stack: a failed delivery is retried soon, not after Stripe's minutes.
    webhookRetry: { initialMs: 100, maxMs: 2_000 },
  });
  process.once('SIGTERM', () => void emulator.stop().finally(() => process.exit(0)));
  const ready: EmulatorReady = { kind: 'emulator-ready', url: emulator.url, secretKey: emulator.secretKey };
  process.send?.(ready);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench emulator: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
