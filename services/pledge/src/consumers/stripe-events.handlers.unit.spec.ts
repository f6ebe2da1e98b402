import { STRIPE_EVENT_TYPES_BY_SERVICE, type StripeEventReceivedPayload } from '@elan/contracts';
import { pledgeDecider } from '../pledge';
import { PAYMENT_INTENT_ID, PLEDGE_ID } from '../pledge/pledge.fixtures';
import { commandsOfStripeEvent } from './stripe-events.handlers';

const eventOf = (type: string): StripeEventReceivedPayload => ({
  stripeEventId: 'evt_0001',
  type,
  created: '2025-03-15T09:00:00.000Z',
  livemode: false,
  routedTo: 'pledge',
  object: { id: PAYMENT_INTENT_ID, type: 'payment_intent', metadata: { elan_service: 'pledge', elan_pledge_id: PLEDGE_ID } },
});

const commandsFor = (type: string) =>
  commandsOfStripeEvent(eventOf(type), PLEDGE_ID, PAYMENT_INTENT_ID, pledgeDecider.initialState());

/**
 * Élan's webhook endpoint receives only `STRIPE_EVENT_TYPES_HANDLED`: every type the pledge
 * service acts on must be in it, or Stripe would never send it.
 */
describe('the Stripe event types the pledge service acts on', () => {
  it.each(STRIPE_EVENT_TYPES_BY_SERVICE.pledge)('turns %s into a command', (type) => {
    expect(commandsFor(type).length).toBeGreaterThan(0);
  });

  it.each(['payment_intent.created', 'charge.succeeded', 'charge.refunded', 'customer.created', 'setup_intent.created'])(
    'ignores %s, which the endpoint does not receive',
    (type) => {
      expect(commandsFor(type)).toEqual([]);
    },
  );
});
