import type { EmulatorContext } from '../context';
import { completePaymentAuthentication } from '../resources/payment-intents';
import { completeSetupAuthentication } from '../resources/setup-intents';
import { moveVerification, type Verification } from '../resources/accounts';
import { StripeApiError, missingResource } from '../wire/stripe-error';
import type { WebhookDeliverer } from '../webhooks/deliverer';
import { configureEndpoint, endpointUrlsFor } from '../webhooks/endpoints';
import type { Faults, FaultRule } from './faults';

export interface ControlDeps {
  readonly context: EmulatorContext;
  readonly faults: Faults;
  readonly deliverer: WebhookDeliverer;
}

type Body = Record<string, unknown>;
type ControlRoute = [method: string, pattern: RegExp, handle: (match: RegExpMatchArray, body: Body) => unknown];

const AMOUNT_FIELDS = ['amount', 'amount_received', 'amount_captured', 'amount_refunded', 'fee', 'net'] as const;

/** The control API, under `/_emulator/…` (JSON in and out, outside Stripe's namespace). */
export const controlRoutes = ({ context, faults, deliverer }: ControlDeps): ControlRoute[] => [
  ['GET', /^\/_emulator\/state$/, () => context.state.data],
  [
    'POST',
    /^\/_emulator\/reset$/,
    () => {
      context.state.reset();
      faults.clear();
      return { reset: true };
    },
  ],
  [
    'POST',
    /^\/_emulator\/faults$/,
    (_, body) => {
      faults.add(body as unknown as FaultRule);
      return { added: true };
    },
  ],
  [
    'DELETE',
    /^\/_emulator\/faults$/,
    () => {
      faults.clear();
      return { cleared: true };
    },
  ],
  [
    'POST',
    /^\/_emulator\/webhook-endpoints$/,
    (_, body) => {
      const enabledEvents = body['enabledEvents'];
      if (enabledEvents !== undefined && !(Array.isArray(enabledEvents) && enabledEvents.every((t) => typeof t === 'string')))
        throw new StripeApiError(400, 'invalid_request_error', 'enabledEvents: a list of event types', {
          param: 'enabledEvents',
        });
      try {
        configureEndpoint(context.state.data, { url: String(body['url']), enabledEvents: enabledEvents as string[] | undefined });
      } catch (error) {
        throw new StripeApiError(400, 'invalid_request_error', error instanceof Error ? error.message : String(error));
      }
      return { endpoints: Object.values(context.state.data.webhookEndpoints).map((endpoint) => endpoint.url) };
    },
  ],
  ['GET', /^\/_emulator\/webhooks\/deliveries$/, () => deliverer.attempts],
  ['POST', /^\/_emulator\/webhooks\/hold$/, () => (deliverer.hold(), { holding: true })],
  [
    'POST',
    /^\/_emulator\/webhooks\/release$/,
    (_, body) => ({ released: deliverer.release(body['order'] === 'reverse' ? 'reverse' : 'fifo') }),
  ],
  [
    'POST',
    /^\/_emulator\/webhooks\/duplicate-next$/,
    (_, body) => (deliverer.duplicateNext(Number(body['count'] ?? 1)), { ok: true }),
  ],
  [
    'POST',
    /^\/_emulator\/webhooks\/delay-next$/,
    (_, body) => (deliverer.delayNext(Number(body['count'] ?? 1), Number(body['ms'] ?? 1000)), { ok: true }),
  ],
  [
    'POST',
    /^\/_emulator\/events\/([^/]+)\/redeliver$/,
    (match) => {
      const event = context.state.data.events[match[1] ?? ''];
      if (event === undefined) throw missingResource(match[1] ?? '', 'event');
      deliverer.deliver(event, endpointUrlsFor(context.state.data, event.type));
      return { redelivered: event.id };
    },
  ],
  [
    'POST',
    /^\/_emulator\/accounts\/([^/]+)\/verification$/,
    (match, body) =>
      moveVerification(context, match[1] ?? '', body['status'] as Verification, body['currentlyDue'] as string[] | undefined),
  ],
  [
    'POST',
    /^\/_emulator\/3ds\/(pi_[^/]+)$/,
    (match, body) => completePaymentAuthentication(context, match[1] ?? '', body['outcome'] === 'succeed'),
  ],
  [
    'POST',
    /^\/_emulator\/3ds\/(seti_[^/]+)$/,
    (match, body) => completeSetupAuthentication(context, match[1] ?? '', body['outcome'] === 'succeed'),
  ],
  [
    'POST',
    /^\/_emulator\/objects\/([^/]+)$/,
    (match, body) => {
      // Alters a stored amount behind the API's back: the drift a reconciliation must catch.
      const object = context.state.find(match[1] ?? '') as Record<string, unknown> | undefined;
      if (object === undefined) throw missingResource(match[1] ?? '', 'object');
      for (const field of AMOUNT_FIELDS) {
        const value = body[field];
        if (value === undefined) continue;
        if (!Number.isInteger(value) || !(field in object))
          throw new StripeApiError(400, 'invalid_request_error', `cannot set ${field} to ${String(value)}`, { param: field });
        object[field] = value;
      }
      return object;
    },
  ],
];
