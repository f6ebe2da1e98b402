import type { StripeEmulatorOptions } from './emulator';
import { ALL_EVENTS, endpointConfig } from './webhooks/endpoints';

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * The options of `npm run stripe-emulator`, from its environment: STRIPE_EMULATOR_PORT (12111),
 * STRIPE_EMULATOR_HOST, STRIPE_EMULATOR_STATE_FILE, STRIPE_WEBHOOK_SECRET, STRIPE_WEBHOOK_URL
 * (comma-separated) and STRIPE_WEBHOOK_EVENTS (comma-separated event types every one of those URLs
 * receives; unset or empty: all, `*`). Throws on an event list Stripe would refuse.
 */
export function optionsFromEnvironment(env: NodeJS.ProcessEnv): StripeEmulatorOptions {
  const events = list(env['STRIPE_WEBHOOK_EVENTS']);
  const enabledEvents = events.length === 0 ? [ALL_EVENTS] : events;
  return {
    port: Number(env['STRIPE_EMULATOR_PORT'] ?? 12111),
    host: env['STRIPE_EMULATOR_HOST'] ?? '127.0.0.1',
    stateFile: env['STRIPE_EMULATOR_STATE_FILE'] || undefined,
    webhookSecret: env['STRIPE_WEBHOOK_SECRET'] || undefined,
    webhookEndpoints: list(env['STRIPE_WEBHOOK_URL']).map((url) => endpointConfig({ url, enabledEvents })),
  };
}
