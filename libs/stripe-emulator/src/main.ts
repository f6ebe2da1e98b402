/**
 * The emulator as a process (`npm run stripe-emulator`): development and tests only. Environment:
 * STRIPE_EMULATOR_PORT (default 12111), STRIPE_EMULATOR_HOST, STRIPE_EMULATOR_STATE_FILE (keep test
 * payments across restarts), STRIPE_WEBHOOK_SECRET (`whsec_…`), STRIPE_WEBHOOK_URL (comma-separated),
 * STRIPE_WEBHOOK_EVENTS (comma-separated event types those URLs receive; all when unset or empty).
 */
import { startStripeEmulator } from './emulator';
import { optionsFromEnvironment } from './environment';

async function main(): Promise<void> {
  const emulator = await startStripeEmulator(optionsFromEnvironment(process.env));
  // One line a parent process can read: where it listens and the secret it signs webhooks with.
  process.stdout.write(`stripe-emulator listening on ${emulator.url} (webhook secret ${emulator.webhookSecret})\n`);
  const stop = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`stripe-emulator: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
