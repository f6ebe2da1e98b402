import { optionsFromEnvironment } from './environment';

describe('the options of npm run stripe-emulator, from its environment', () => {
  it('defaults: port 12111 on 127.0.0.1, no state file, a generated secret, no endpoints', () => {
    expect(optionsFromEnvironment({})).toEqual({
      port: 12111,
      host: '127.0.0.1',
      stateFile: undefined,
      webhookSecret: undefined,
      webhookEndpoints: [],
    });
  });

  it('sends every event to each STRIPE_WEBHOOK_URL when STRIPE_WEBHOOK_EVENTS is unset or empty', () => {
    const urls = ' http://127.0.0.1:3000/api/webhooks/stripe , http://127.0.0.1:3001/hooks,';
    for (const events of [undefined, '', ' , ']) {
      expect(optionsFromEnvironment({ STRIPE_WEBHOOK_URL: urls, STRIPE_WEBHOOK_EVENTS: events }).webhookEndpoints).toEqual([
        { url: 'http://127.0.0.1:3000/api/webhooks/stripe', enabledEvents: ['*'] },
        { url: 'http://127.0.0.1:3001/hooks', enabledEvents: ['*'] },
      ]);
    }
  });

  it('gives every STRIPE_WEBHOOK_URL the types of STRIPE_WEBHOOK_EVENTS', () => {
    const options = optionsFromEnvironment({
      STRIPE_EMULATOR_PORT: '0',
      STRIPE_EMULATOR_HOST: '0.0.0.0',
      STRIPE_EMULATOR_STATE_FILE: 'tmp/stripe.json',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
      STRIPE_WEBHOOK_URL: 'http://a.test/h,https://b.test/h',
      STRIPE_WEBHOOK_EVENTS: 'payment_intent.succeeded, charge.refunded',
    });
    expect(options).toEqual({
      port: 0,
      host: '0.0.0.0',
      stateFile: 'tmp/stripe.json',
      webhookSecret: 'whsec_x',
      webhookEndpoints: [
        { url: 'http://a.test/h', enabledEvents: ['payment_intent.succeeded', 'charge.refunded'] },
        { url: 'https://b.test/h', enabledEvents: ['payment_intent.succeeded', 'charge.refunded'] },
      ],
    });
  });

  it('refuses an event type Stripe would not take, and a URL that is not http(s)', () => {
    expect(() =>
      optionsFromEnvironment({
        STRIPE_WEBHOOK_URL: 'http://a.test/h',
        STRIPE_WEBHOOK_EVENTS: 'payment_intent.succeeded,succeeded',
      }),
    ).toThrow(/"succeeded" is neither '\*' nor an event type/);
    expect(() => optionsFromEnvironment({ STRIPE_WEBHOOK_URL: 'ftp://a.test/h' })).toThrow(/not an http\(s\) URL/);
  });
});
