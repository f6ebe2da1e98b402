import type Stripe from 'stripe';
import { pathParam, type EmulatorContext, type Route } from '../context';
import type { EmulatorData } from '../state';
import { nowSeconds, stripeId } from '../wire/ids';
import { listPage } from '../wire/list';
import type { Params } from '../wire/params';
import { invalidRequest, missingParam, missingResource } from '../wire/stripe-error';

/** What an endpoint that takes every event lists in `enabled_events`, as on Stripe. */
export const ALL_EVENTS = '*';

/**
 * An endpoint given at start (`webhookEndpoints`, `STRIPE_WEBHOOK_URL`) or through the control API: a
 * URL alone takes every event; `enabledEvents` lists the event types it takes (`*` for all).
 */
export type WebhookEndpointConfig = string | { readonly url: string; readonly enabledEvents?: readonly string[] };

/** `payment_intent.succeeded`, `charge.dispute.created`…: Stripe's event types, checked by shape only. */
const EVENT_TYPE = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;

/** The first entry of a list of enabled events that is neither `*` nor an event type, with its index. */
export const invalidEnabledEvent = (events: readonly string[]): { index: number; value: string } | undefined => {
  const index = events.findIndex((type) => type !== ALL_EVENTS && !EVENT_TYPE.test(type));
  return index < 0 ? undefined : { index, value: events[index] as string };
};

const isWebUrl = (url: string): boolean => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
};

/** Reads a configured endpoint, refusing what Stripe would (start-up and control API). */
export const endpointConfig = (config: WebhookEndpointConfig): { url: string; enabledEvents: string[] } => {
  const url = (typeof config === 'string' ? config : config.url).trim();
  const enabledEvents = typeof config === 'string' ? [ALL_EVENTS] : [...(config.enabledEvents ?? [ALL_EVENTS])];
  if (!isWebUrl(url)) throw new Error(`webhook endpoint: not an http(s) URL: ${JSON.stringify(url)}`);
  if (enabledEvents.length === 0) throw new Error(`webhook endpoint ${url}: no enabled events (use '*' for all)`);
  const invalid = invalidEnabledEvent(enabledEvents);
  if (invalid !== undefined)
    throw new Error(`webhook endpoint ${url}: ${JSON.stringify(invalid.value)} is neither '*' nor an event type`);
  return { url, enabledEvents };
};

const newEndpoint = (url: string, enabledEvents: string[]): Stripe.WebhookEndpoint => ({
  id: stripeId('we'),
  object: 'webhook_endpoint',
  api_version: null,
  application: null,
  created: nowSeconds(),
  description: null,
  enabled_events: enabledEvents,
  livemode: false,
  metadata: {},
  status: 'enabled',
  url,
});

/**
 * Adds an endpoint, or sets the events of the endpoint that already has this URL: what is configured
 * at start or through the control API is what the URL receives.
 */
export function configureEndpoint(data: EmulatorData, config: WebhookEndpointConfig): Stripe.WebhookEndpoint {
  const { url, enabledEvents } = endpointConfig(config);
  const existing = Object.values(data.webhookEndpoints).find((endpoint) => endpoint.url === url);
  if (existing !== undefined) {
    existing.enabled_events = enabledEvents;
    return existing;
  }
  const endpoint = newEndpoint(url, enabledEvents);
  data.webhookEndpoints[endpoint.id] = endpoint;
  return endpoint;
}

/** The URLs an event of this type goes to: enabled endpoints listing the type or `*`. */
export function endpointUrlsFor(data: EmulatorData, type: string): string[] {
  const urls: string[] = [];
  for (const endpoint of Object.values(data.webhookEndpoints))
    if (endpoint.status === 'enabled' && (endpoint.enabled_events.includes(ALL_EVENTS) || endpoint.enabled_events.includes(type)))
      urls.push(endpoint.url);
  return urls;
}

/** State files written before endpoints were objects hold a list of URLs: each takes every event. */
export function upgradeEndpoints(data: EmulatorData): void {
  const stored = data.webhookEndpoints as unknown;
  if (!Array.isArray(stored)) {
    data.webhookEndpoints ??= {};
    return;
  }
  data.webhookEndpoints = {};
  for (const url of stored) if (typeof url === 'string') configureEndpoint(data, url);
}

const enabledEventsParam = (params: Params, required: boolean): string[] | undefined => {
  const events = params.strings('enabled_events');
  if (events === undefined || events.length === 0) {
    if (required) throw missingParam('enabled_events');
    return undefined;
  }
  const invalid = invalidEnabledEvent(events);
  if (invalid !== undefined)
    throw invalidRequest(
      `Invalid enabled_events[${invalid.index}]: must be '*' or an event type (such as payment_intent.succeeded), not '${invalid.value}'`,
      `enabled_events[${invalid.index}]`,
    );
  return events;
};

const urlParam = (params: Params, required: boolean): string | undefined => {
  const url = required ? params.requiredString('url') : params.string('url');
  if (url !== undefined && !isWebUrl(url)) throw invalidRequest(`Invalid URL: ${url}`, 'url', 'url_invalid');
  return url;
};

const getEndpoint = (context: EmulatorContext, id: string): Stripe.WebhookEndpoint => {
  const endpoint = context.state.data.webhookEndpoints[id];
  if (endpoint === undefined) throw missingResource(id, 'id');
  return endpoint;
};

/**
 * `/v1/webhook_endpoints`, as `stripe.webhookEndpoints.*` calls it. Every endpoint signs with the
 * emulator's one secret, returned (as `secret`) when the endpoint is created, as Stripe does.
 */
export const webhookEndpointRoutes = (context: EmulatorContext): Route[] => [
  {
    method: 'POST',
    pattern: /^\/v1\/webhook_endpoints$/,
    handle: ({ params }) => {
      const url = urlParam(params, true) as string;
      const endpoint = newEndpoint(url, enabledEventsParam(params, true) as string[]);
      endpoint.description = params.string('description') || null;
      endpoint.metadata = params.metadata();
      endpoint.api_version = params.string('api_version') ?? null;
      context.state.data.webhookEndpoints[endpoint.id] = endpoint;
      return { ...endpoint, secret: context.webhookSecret };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/webhook_endpoints\/([^/]+)$/,
    handle: (request) => getEndpoint(context, pathParam(request)),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/webhook_endpoints\/([^/]+)$/,
    handle: (request) => {
      const endpoint = getEndpoint(context, pathParam(request));
      const { params } = request;
      endpoint.url = urlParam(params, false) ?? endpoint.url;
      endpoint.enabled_events = enabledEventsParam(params, false) ?? endpoint.enabled_events;
      const description = params.string('description');
      if (description !== undefined) endpoint.description = description || null;
      endpoint.metadata = params.metadata(endpoint.metadata);
      const disabled = params.boolean('disabled');
      if (disabled !== undefined) endpoint.status = disabled ? 'disabled' : 'enabled';
      return endpoint;
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/webhook_endpoints\/([^/]+)$/,
    handle: (request) => {
      const endpoint = getEndpoint(context, pathParam(request));
      delete context.state.data.webhookEndpoints[endpoint.id];
      return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/webhook_endpoints$/,
    handle: ({ params }) => listPage(Object.values(context.state.data.webhookEndpoints), params, '/v1/webhook_endpoints'),
  },
];
