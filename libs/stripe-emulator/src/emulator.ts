import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { answerApi } from './api';
import type { EmulatorContext, Fees, Route } from './context';
import { StripeEmulatorControl } from './control/client';
import { Faults } from './control/faults';
import { controlRoutes } from './control/routes';
import { API_VERSION, eventRecorder } from './events';
import { answerPage } from './pages';
import { accountRoutes } from './resources/accounts';
import { balanceRoutes } from './resources/balance';
import { chargeRoutes } from './resources/charges';
import { customerRoutes } from './resources/customers';
import { eventRoutes } from './resources/events';
import { paymentIntentRoutes } from './resources/payment-intents';
import { paymentMethodRoutes } from './resources/payment-methods';
import { refundRoutes } from './resources/refunds';
import { setupIntentRoutes } from './resources/setup-intents';
import { transferRoutes } from './resources/transfers';
import { EmulatorState } from './state';
import { WebhookDeliverer, type RetryPolicy } from './webhooks/deliverer';
import { webhookEndpointRoutes, type WebhookEndpointConfig } from './webhooks/endpoints';
import { newWebhookSecret } from './webhooks/signature';
import { stripeId } from './wire/ids';
import { StripeApiError } from './wire/stripe-error';

export interface StripeEmulatorOptions {
  port?: number;
  host?: string;
  /** Keep state across restarts when given (JSON, rewritten after every change). */
  stateFile?: string;
  /** `whsec_…` used to sign webhooks; generated when absent. */
  webhookSecret?: string;
  /**
   * Where to deliver events (also addable through the control API and `POST /v1/webhook_endpoints`): a
   * URL receives every event; `{ url, enabledEvents }` only the types listed (`*` for all), as
   * Stripe's `enabled_events`.
   */
  webhookEndpoints?: readonly WebhookEndpointConfig[];
  /** Stripe's fee on each charge; European cards by default: 1.5 % + €0.25. */
  fees?: Fees;
  /** Webhook retry back-off; 1 s doubling up to 5 min unless given (tests shorten it). */
  webhookRetry?: RetryPolicy;
}

export interface RunningStripeEmulator {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly protocol: 'http';
  /** An `sk_test_…` key the emulator accepts (it accepts any `sk_test_` key). */
  readonly secretKey: string;
  readonly webhookSecret: string;
  readonly control: StripeEmulatorControl;
  stop(): Promise<void>;
}

export const EUROPEAN_CARD_FEES: Fees = { percentBasisPoints: 150, fixed: 25 };

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/** A JSON answer, compact (the SDK and tests parse it; pretty printing only cost CPU and bytes). */
const sendJson = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  response.writeHead(status, {
    'content-type': 'application/json',
    'stripe-version': API_VERSION,
    ...headers,
    'request-id': headers['request-id'] ?? stripeId('req'),
  });
  response.end(JSON.stringify(body));
};

/**
 * The path and query (`?…`) of a request line. The SDK's paths are plain ASCII, split as they are;
 * anything else goes through the URL parser (normalised, percent-encoded), as every request used to.
 */
const PLAIN_TARGET = /^\/(?!\/)[\w\-/%]*(?:\?[\w\-.~%&=+*,:;@!$()/?[\]]*)?$/;
const splitTarget = (target: string): { pathname: string; search: string } => {
  if (!PLAIN_TARGET.test(target)) {
    const { pathname, search } = new URL(target, 'http://emulator');
    return { pathname, search };
  }
  const query = target.indexOf('?');
  // An empty query (`/v1/customers?`) is no query, as URL#search has it.
  if (query < 0 || query === target.length - 1) return { pathname: query < 0 ? target : target.slice(0, query), search: '' };
  return { pathname: target.slice(0, query), search: target.slice(query) };
};

/** The refusal every way of starting the emulator shares: it must never stand in for Stripe in production. */
export const PRODUCTION_REFUSAL =
  'the Stripe emulator refuses to start with NODE_ENV=production: it is a development and test tool';

export async function startStripeEmulator(options: StripeEmulatorOptions = {}): Promise<RunningStripeEmulator> {
  if (process.env['NODE_ENV'] === 'production') throw new Error(PRODUCTION_REFUSAL);
  const host = options.host ?? '127.0.0.1';
  const webhookSecret = options.webhookSecret ?? newWebhookSecret();
  const state = new EmulatorState(options.stateFile, options.webhookEndpoints ?? []);
  const deliverer = new WebhookDeliverer(webhookSecret, options.webhookRetry ?? { initialMs: 1_000, maxMs: 300_000 });
  const faults = new Faults();
  let url = '';
  const context: EmulatorContext = {
    state,
    fees: options.fees ?? EUROPEAN_CARD_FEES,
    baseUrl: () => url,
    webhookSecret,
    currentRequest: { id: null, idempotencyKey: null },
    emit: (type, object, previous) => recordEvent(type, object, previous),
  };
  const recordEvent = eventRecorder(
    () => state,
    deliverer,
    () => context.currentRequest,
  );
  const routes: Route[] = [
    customerRoutes,
    paymentMethodRoutes,
    setupIntentRoutes,
    paymentIntentRoutes,
    chargeRoutes,
    refundRoutes,
    balanceRoutes,
    accountRoutes,
    transferRoutes,
    eventRoutes,
    webhookEndpointRoutes,
  ].flatMap((make) => make(context));
  const control = controlRoutes({ context, faults, deliverer });
  const sockets = new Set<Socket>();

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const { pathname, search } = splitTarget(request.url ?? '/');
    const method = request.method ?? 'GET';
    const body = await readBody(request);
    if (pathname.startsWith('/_emulator/')) {
      const route = control.find(([m, pattern]) => m === method && pattern.test(pathname));
      if (route === undefined) return sendJson(response, 404, { error: { message: `no control route ${method} ${pathname}` } });
      try {
        const result = route[2](
          pathname.match(route[1]) as RegExpMatchArray,
          body === '' ? {} : (JSON.parse(body) as Record<string, unknown>),
        );
        state.save();
        return sendJson(response, 200, result);
      } catch (error) {
        if (error instanceof StripeApiError) return sendJson(response, error.status, error.body());
        throw error;
      }
    }
    if (pathname.startsWith('/emulator/')) {
      const page = answerPage(context, method, pathname, search.slice(1), body);
      if (page === undefined) return sendJson(response, 404, { error: { message: 'no such page' } });
      response.writeHead(page.status, {
        'content-type': 'text/html; charset=utf-8',
        ...(page.location ? { location: page.location } : {}),
      });
      return void response.end(page.html);
    }
    const fault = faults.take(method, pathname);
    if (fault !== undefined && !fault.afterProcessing) {
      if (fault.kind === 'timeout') return; // never answered; the socket is destroyed on stop
      if (fault.kind === 'connection-reset') return void request.socket.destroy();
      if (fault.kind === 'http-500')
        return sendJson(response, 500, {
          error: { type: 'api_error', message: 'An unknown error occurred (injected by the emulator).' },
        });
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1_000));
    }
    const answer = answerApi(context, routes, request, pathname, search.slice(1), body);
    if (fault?.afterProcessing === true) return void request.socket.destroy();
    sendJson(response, answer.status, answer.body, {
      'request-id': answer.requestId,
      ...(answer.replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, {
          error: { type: 'api_error', message: error instanceof Error ? error.message : String(error) },
        });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  url = `http://${host}:${port}`;
  return {
    url,
    host,
    port,
    protocol: 'http',
    secretKey: `sk_test_emulator${randomBytes(12).toString('hex')}`,
    webhookSecret,
    control: new StripeEmulatorControl(url),
    stop: async () => {
      deliverer.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
