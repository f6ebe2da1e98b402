import { STRIPE_EVENT_TYPES_HANDLED, type StripeEventReceivedPayload } from '@elan/contracts';
import {
  accountPending,
  accountRestricted,
  accountVerified,
  payoutAccountOpened,
} from '../payout-account/payout-account.fixtures';
import { accountUpdateOf, nowReceivesTransfers } from './stripe-events.handlers';

const HOLDER = '01950000-0000-7000-8000-0000000c0001';

const eventOf = (overrides: Partial<StripeEventReceivedPayload> = {}): StripeEventReceivedPayload => ({
  stripeEventId: 'evt_0001',
  type: 'account.updated',
  created: '2026-11-03T09:00:00.000Z',
  livemode: false,
  routedTo: 'payout',
  object: {
    id: 'acct_1QxYz2AbCdEf',
    type: 'account',
    metadata: { elan_service: 'payout', elan_holder_id: HOLDER },
    payoutsEnabled: false,
    requirementsDue: ['individual.verification.document'],
  },
  ...overrides,
});

describe('the Stripe events the payout service acts on', () => {
  it('receives account.updated at Élan’s webhook endpoint', () => {
    expect(STRIPE_EVENT_TYPES_HANDLED).toContain('account.updated');
  });

  it('turns an account.updated routed to payout into the holder’s update, at Stripe’s time', () => {
    expect(accountUpdateOf(eventOf())).toEqual({
      holderId: HOLDER,
      stripeAccountId: 'acct_1QxYz2AbCdEf',
      stripeUpdatedAt: '2026-11-03T09:00:00.000Z',
    });
  });

  it.each([
    ['another type', eventOf({ type: 'account.application.deauthorized' })],
    ['an event routed elsewhere', eventOf({ routedTo: 'pledge' })],
    ['an account without Élan’s holder metadata', eventOf({ object: { id: 'acct_1Qx', type: 'account', metadata: {} } })],
    [
      'an object that is not an account',
      eventOf({ object: { id: 'pi_123', type: 'payment_intent', metadata: { elan_holder_id: HOLDER } } }),
    ],
  ])('ignores %s', (_, event) => {
    expect(accountUpdateOf(event)).toBeUndefined();
  });
});

describe('which recorded updates wake the statements waiting for the account', () => {
  it('wakes them when the account is verified, its opening recorded with it or not', () => {
    expect(nowReceivesTransfers([accountVerified()])).toBe(true);
    expect(nowReceivesTransfers([payoutAccountOpened(), accountVerified()])).toBe(true);
  });

  it('leaves them to their recheck when nothing was recorded (stale or duplicate) or the account still cannot receive', () => {
    expect(nowReceivesTransfers([])).toBe(false);
    expect(nowReceivesTransfers([payoutAccountOpened()])).toBe(false);
    expect(nowReceivesTransfers([accountRestricted()])).toBe(false);
    expect(nowReceivesTransfers([accountPending()])).toBe(false);
  });
});
