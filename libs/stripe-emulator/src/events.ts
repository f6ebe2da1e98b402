import type Stripe from 'stripe';
import type { EmulatorState } from './state';
import { nowSeconds, stripeId } from './wire/ids';
import type { WebhookDeliverer } from './webhooks/deliverer';
import { endpointUrlsFor } from './webhooks/endpoints';

/** The API version the emulator's objects follow: the one the installed SDK pins. */
export const API_VERSION = '2026-10-28.endive';

/** Records an event with a snapshot of the object (as Stripe does) and hands it to the deliverer. */
export const eventRecorder =
  (
    state: () => EmulatorState,
    deliverer: WebhookDeliverer,
    request: () => { id: string | null; idempotencyKey: string | null },
  ) =>
  (type: Stripe.Event.Type, object: object, previousAttributes?: object): void => {
    const endpoints = endpointUrlsFor(state().data, type);
    const event = {
      id: stripeId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: nowSeconds(),
      data: {
        object: structuredClone(object),
        ...(previousAttributes === undefined ? {} : { previous_attributes: previousAttributes }),
      },
      livemode: false,
      pending_webhooks: endpoints.length,
      request: { id: request().id, idempotency_key: request().idempotencyKey },
      type,
    } as Stripe.Event;
    state().data.events[event.id] = event;
    deliverer.deliver(event, endpoints);
  };
