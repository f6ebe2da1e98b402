import type { IncomingMessage } from 'node:http';
import type { EmulatorContext, Route } from './context';
import { expand } from './wire/expand';
import { parseForm } from './wire/form';
import { stripeId } from './wire/ids';
import { remember, replayFor } from './wire/idempotency';
import { Params } from './wire/params';
import { StripeApiError } from './wire/stripe-error';

export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly replayed: boolean;
}

/** An answer and the id of the request that produced it (the `Request-Id` header, `event.request.id`). */
export type IdentifiedAnswer = ApiAnswer & { readonly requestId: string };

const unauthorized = (message: string): StripeApiError => new StripeApiError(401, 'invalid_request_error', message);

/** Any `sk_test_…` key is accepted, as Bearer or as Basic user (both are how Stripe takes keys). */
const checkKey = (request: IncomingMessage): void => {
  const header = request.headers.authorization;
  if (header === undefined || header === '')
    throw unauthorized(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  const key = header.startsWith('Bearer ')
    ? header.slice(7)
    : header.startsWith('Basic ')
      ? Buffer.from(header.slice(6), 'base64').toString().split(':')[0]
      : undefined;
  if (key === undefined || !/^sk_test_\w+$/.test(key))
    throw unauthorized(`Invalid API Key provided: ${(key ?? '').slice(0, 12)}****`);
};

/** One Stripe API call: key, idempotency, route, expansion; errors in Stripe's shape. */
export function answerApi(
  context: EmulatorContext,
  routes: readonly Route[],
  request: IncomingMessage,
  path: string,
  query: string,
  body: string,
): IdentifiedAnswer {
  const requestId = stripeId('req');
  const key = request.headers['idempotency-key'];
  const idempotencyKey = request.method === 'POST' && typeof key === 'string' && key !== '' ? key : undefined;
  context.currentRequest = { id: requestId, idempotencyKey: idempotencyKey ?? null };
  try {
    return { ...answer(context, routes, request, path, query, body, idempotencyKey), requestId };
  } finally {
    context.currentRequest = { id: null, idempotencyKey: null };
    // A GET changes nothing (idempotency keys are kept for POSTs only): the state file stays as it is.
    if (request.method !== 'GET') context.state.save();
  }
}

function answer(
  context: EmulatorContext,
  routes: readonly Route[],
  request: IncomingMessage,
  path: string,
  query: string,
  body: string,
  idempotencyKey: string | undefined,
): ApiAnswer {
  const method = request.method ?? 'GET';
  try {
    checkKey(request);
    if (idempotencyKey !== undefined) {
      const replay = replayFor(context.state, idempotencyKey, method, path, body);
      if (replay !== undefined) return { ...replay, replayed: true };
    }
    const answer = run(context, routes, method, path, method === 'GET' || method === 'DELETE' ? query : body);
    if (idempotencyKey !== undefined) remember(context.state, idempotencyKey, method, path, body, answer.status, answer.body);
    return answer;
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    const answer = { status: error.status, body: error.body(), replayed: false };
    // Stripe keeps the outcome of a request that ran, errors included (a decline replays as a decline).
    if (idempotencyKey !== undefined && error.type !== 'idempotency_error' && error.status !== 401)
      remember(context.state, idempotencyKey, method, path, body, answer.status, answer.body);
    return answer;
  }
}

function run(context: EmulatorContext, routes: readonly Route[], method: string, path: string, form: string): ApiAnswer {
  const params = new Params(parseForm(form));
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = path.match(route.pattern);
    if (match === null) continue;
    const result = route.handle({ method, params, match });
    return { status: 200, body: expand(context.state, result, params.strings('expand') ?? []), replayed: false };
  }
  throw new StripeApiError(
    404,
    'invalid_request_error',
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  );
}
