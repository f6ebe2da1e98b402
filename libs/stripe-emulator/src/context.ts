import type Stripe from 'stripe';
import type { EmulatorState } from './state';
import type { Params } from './wire/params';

/** Stripe's processing fee on a card charge: a share in basis points plus a fixed part, in minor units. */
export interface Fees {
  readonly percentBasisPoints: number;
  readonly fixed: number;
}

/** What every resource module works with: the state, the fee schedule, and the event recorder. */
export interface EmulatorContext {
  readonly state: EmulatorState;
  readonly fees: Fees;
  readonly baseUrl: () => string;
  /** The `whsec_…` every webhook is signed with (returned when an endpoint is created). */
  readonly webhookSecret: string;
  /** The API request being answered, named in the events it causes (`event.request`). */
  currentRequest: { id: string | null; idempotencyKey: string | null };
  /** Records a Stripe event for a state change and queues its webhook deliveries. */
  emit(type: Stripe.Event.Type, object: object, previousAttributes?: object): void;
}

export interface ApiRequest {
  readonly method: string;
  readonly params: Params;
  readonly match: RegExpMatchArray;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly pattern: RegExp;
  readonly handle: (request: ApiRequest) => object;
}

/** The path parameter at `index` of a route's pattern (always present once the pattern matched). */
export const pathParam = (request: ApiRequest, index = 1): string => decodeURIComponent(request.match[index] ?? '');
