import type Stripe from 'stripe';
import { z } from 'zod';
import { stripeEventReceived } from '@elan/contracts';
import { stripeEventJson, stripeIdOf } from './stripe-event.fixtures';
import { routeOf, summariseStripeEvent } from './stripe-event-summary';

const eventOf = (json: Record<string, unknown>): Stripe.Event => json as unknown as Stripe.Event;

describe('a Stripe event, summarised for the services', () => {
  it('keeps the ids, the amount in minor units, the status and Élan’s metadata', () => {
    const json = stripeEventJson({ created: 1_776_283_203 });
    const object = (json.data as { object: { id: string } }).object;

    const summary = summariseStripeEvent(eventOf(json));

    expect(summary).toEqual({
      stripeEventId: json.id,
      type: 'payment_intent.succeeded',
      created: '2026-04-15T20:00:03.000Z',
      livemode: false,
      routedTo: 'pledge',
      object: {
        id: object.id,
        type: 'payment_intent',
        status: 'succeeded',
        amount: { amount: 2_500, currency: 'EUR' },
        metadata: { elan_service: 'pledge', elan_pledge_id: '0190f3a4-5b6c-7d8e-9f01-000000000003' },
      },
    });
    expect(stripeEventReceived.schema.parse(summary)).toEqual(summary);
  });

  it('leaves out e-mails, names, addresses and metadata Élan did not set', () => {
    const text = JSON.stringify(summariseStripeEvent(eventOf(stripeEventJson())));

    for (const personal of ['ada.lovelace@example.org', 'Ada Lovelace', 'rue des Lilas', 'from Ada', 'idempotency_key'])
      expect(text).not.toContain(personal);
  });

  it('says why a payment failed, without the payment method the error carries', () => {
    const json = stripeEventJson({
      type: 'payment_intent.payment_failed',
      object: {
        id: stripeIdOf('pi'),
        object: 'payment_intent',
        amount: 4_200,
        currency: 'eur',
        status: 'requires_payment_method',
        metadata: { elan_service: 'pledge' },
        last_payment_error: {
          code: 'card_declined',
          decline_code: 'insufficient_funds',
          payment_method: { id: stripeIdOf('pm'), billing_details: { email: 'ada.lovelace@example.org', name: 'Ada' } },
        },
      },
    });

    const summary = summariseStripeEvent(eventOf(json));

    expect(summary.object).toMatchObject({ declineCode: 'insufficient_funds', errorCode: 'card_declined' });
    expect(JSON.stringify(summary)).not.toContain('ada.lovelace@example.org');
  });

  it('gives a Connect account’s state and its account id to payout', () => {
    const account = stripeIdOf('acct');
    const json = stripeEventJson({
      type: 'account.updated',
      account,
      object: {
        id: account,
        object: 'account',
        email: 'holder@example.org',
        charges_enabled: false,
        payouts_enabled: false,
        requirements: { currently_due: ['individual.verification.document'], disabled_reason: 'requirements.past_due' },
        metadata: {},
      },
    });

    const summary = summariseStripeEvent(eventOf(json));

    expect(summary).toMatchObject({
      account,
      routedTo: 'payout',
      object: {
        id: account,
        type: 'account',
        chargesEnabled: false,
        payoutsEnabled: false,
        requirementsDue: ['individual.verification.document'],
        disabledReason: 'requirements.past_due',
      },
    });
    expect(JSON.stringify(summary)).not.toContain('holder@example.org');
  });

  it('ties a charge and a refund to their PaymentIntent, expanded or not', () => {
    const paymentIntent = stripeIdOf('pi');
    const charge = { id: stripeIdOf('ch'), object: 'charge', amount: 2_500, currency: 'eur', payment_intent: paymentIntent };
    const refund = {
      id: stripeIdOf('re'),
      object: 'refund',
      amount: 500,
      currency: 'eur',
      payment_intent: { id: paymentIntent },
    };

    for (const object of [charge, refund])
      expect(summariseStripeEvent(eventOf(stripeEventJson({ type: `${object.object}.updated`, object }))).object).toMatchObject({
        paymentIntentId: paymentIntent,
      });
  });

  it('records an object without id or amount all the same (a balance)', () => {
    const summary = summariseStripeEvent(
      eventOf(stripeEventJson({ type: 'balance.available', object: { object: 'balance', available: [] } })),
    );

    expect(summary).toMatchObject({ routedTo: 'unrouted', object: { type: 'balance', metadata: {} } });
    expect(summary.object.id).toBeUndefined();
  });

  it.each([{}, { id: 'evt_1', type: 42, created: 'now' }, { id: 'evt_1', data: null }])(
    'refuses %j through the contract, never with a crash',
    (json) => {
      expect(() => summariseStripeEvent(eventOf(json))).toThrow(z.ZodError);
    },
  );

  it.each([
    ['payment_intent.succeeded', 'payment_intent', { elan_service: 'tipping' }, 'tipping'],
    ['transfer.created', 'transfer', { elan_service: 'payout' }, 'payout'],
    ['account.updated', 'account', {}, 'payout'],
    ['charge.succeeded', 'charge', { elan_service: 'catalog' }, 'unrouted'],
    ['customer.created', 'customer', {}, 'unrouted'],
  ] as const)('routes %s of a %s with %j to %s', (type, objectType, metadata, route) => {
    expect(routeOf(type, objectType, metadata)).toBe(route);
  });
});
