import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

/** An id as Stripe makes them: its prefix, then letters and digits, unique per call. */
export const stripeIdOf = (prefix: string): string => `${prefix}_${randomBytes(12).toString('hex')}`;

export interface StripeEventFixture {
  readonly id?: string;
  readonly type?: string;
  /** Unix seconds, as Stripe writes `created`. */
  readonly created?: number;
  readonly account?: string;
  readonly object?: Readonly<Record<string, unknown>>;
}

/**
 * A Stripe event as the webhook receives it: by default a pledge's PaymentIntent that
 * succeeded, with the billing details and e-mail a real one carries (which must not travel on).
 */
export function stripeEventJson(fixture: StripeEventFixture = {}): Record<string, unknown> {
  return {
    id: fixture.id ?? stripeIdOf('evt'),
    object: 'event',
    api_version: '2025-09-30.clover',
    created: fixture.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: stripeIdOf('req'), idempotency_key: 'pledge:0190f3a4-5b6c-7d8e-9f01-000000000003:collect' },
    type: fixture.type ?? 'payment_intent.succeeded',
    ...(fixture.account ? { account: fixture.account } : {}),
    data: {
      object: fixture.object ?? {
        id: stripeIdOf('pi'),
        object: 'payment_intent',
        amount: 2_500,
        currency: 'eur',
        status: 'succeeded',
        receipt_email: 'ada.lovelace@example.org',
        metadata: { elan_service: 'pledge', elan_pledge_id: '0190f3a4-5b6c-7d8e-9f01-000000000003', note: 'from Ada' },
        shipping: { name: 'Ada Lovelace', address: { line1: '12 rue des Lilas', city: 'Bègles' } },
        last_payment_error: null,
      },
    },
  };
}

/** The `Stripe-Signature` header Stripe would send for `payload`, `ageSeconds` ago. */
export const stripeSignatureOf = (payload: string, secret: string, ageSeconds = 0): string =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(Date.now() / 1000) - ageSeconds });
