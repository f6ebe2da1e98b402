import type Stripe from 'stripe';
import { waitUntil } from '@elan/testing';
import { emulatorForThisFile } from './emulator.fixture';
import { startWebhookReceiver } from './webhook-receiver.fixture';

const RETURN_URL = 'http://127.0.0.1:4200/en/pledges/p-1/done?step=card';

describe('the pages a person opens in a browser', () => {
  const bed = emulatorForThisFile();

  const submit = (url: string, fields: Record<string, string>) =>
    fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });

  const payPage = (intent: { id: string; client_secret: string | null }, returnUrl = RETURN_URL) =>
    `${bed.emulator.url}/emulator/pay/${intent.id}?${new URLSearchParams({ client_secret: intent.client_secret ?? '', return_url: returnUrl })}`;

  /** Chooses `card` on the test-card page, as a person submits its form. */
  const payWith = (intent: { id: string; client_secret: string | null }, card: string, returnUrl = RETURN_URL) =>
    submit(`${bed.emulator.url}/emulator/pay/${intent.id}`, {
      client_secret: intent.client_secret ?? '',
      return_url: returnUrl,
      card,
    });

  const aPledgeIntent = () =>
    bed.stripe.paymentIntents.create({ amount: 2_550, currency: 'eur', metadata: { pledge_id: 'p-1' } });

  /** The return address and the parameters Stripe.js would have appended to it. */
  const wentBackTo = (answer: Response): { base: string; query: Record<string, string> } => {
    expect(answer.status).toBe(303);
    const location = new URL(answer.headers.get('location') ?? '');
    return { base: `${location.origin}${location.pathname}`, query: Object.fromEntries(location.searchParams) };
  };

  it('completes 3-D Secure from the next_action page, then sends the browser back to return_url with Stripe’s parameters', async () => {
    const intent = await bed.stripe.paymentIntents.create({
      amount: 1_000,
      currency: 'eur',
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
      return_url: 'http://127.0.0.1:4200/pledges/p-1/done',
    });
    const url = intent.next_action?.redirect_to_url?.url ?? '';
    const page = await fetch(url);
    expect(await page.text()).toContain('Complete authentication');
    const answer = await submit(url, { outcome: 'succeed' });
    expect(wentBackTo(answer)).toEqual({
      base: 'http://127.0.0.1:4200/pledges/p-1/done',
      query: { payment_intent: intent.id, payment_intent_client_secret: intent.client_secret, redirect_status: 'succeeded' },
    });
    expect((await bed.stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
  });

  it('verifies an Express account from its onboarding link', async () => {
    const account = await bed.stripe.accounts.create({ type: 'express', capabilities: { transfers: { requested: true } } });
    const link = await bed.stripe.accountLinks.create({
      account: account.id,
      type: 'account_onboarding',
      refresh_url: 'http://x/r',
      return_url: 'http://x/d',
    });
    expect((await submit(link.url, { outcome: 'verified' })).status).toBe(200);
    expect(await bed.stripe.accounts.retrieve(account.id)).toMatchObject({
      charges_enabled: true,
      capabilities: { transfers: 'active' },
    });
  });

  describe('the test-card page, standing for the Payment Element', () => {
    it('shows the amount and the test cards as labelled radio buttons in a fieldset', async () => {
      const intent = await aPledgeIntent();
      const page = await fetch(payPage(intent));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await page.text();
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('<h1>Pay €25.50</h1>');
      expect(html).toMatch(/<fieldset><legend>Test card<\/legend>/);
      for (const [id, number] of [
        ['pm_card_visa', '4242 4242 4242 4242'],
        ['pm_card_authenticationRequired', '4000 0027 6000 3184'],
        ['pm_card_chargeDeclined', '4000 0000 0000 0002'],
        ['pm_card_chargeDeclinedInsufficientFunds', '4000 0000 0000 9995'],
      ])
        expect(html).toMatch(
          new RegExp(`<input type="radio" name="card" id="card-${id}" value="${id}"[^>]*> <label for="card-${id}">${number} `),
        );
      expect(html).not.toContain('<script');
    });

    it('pays with the succeeding card and goes back to return_url, its own query kept', async () => {
      const intent = await aPledgeIntent();
      const answer = await payWith(intent, 'pm_card_visa');
      expect(wentBackTo(answer)).toEqual({
        base: 'http://127.0.0.1:4200/en/pledges/p-1/done',
        query: {
          step: 'card',
          payment_intent: intent.id,
          payment_intent_client_secret: intent.client_secret,
          redirect_status: 'succeeded',
        },
      });
      const paid = await bed.stripe.paymentIntents.retrieve(intent.id, { expand: ['payment_method'] });
      expect(paid).toMatchObject({ status: 'succeeded', amount_received: 2_550, payment_method: { card: { last4: '4242' } } });
    });

    it('sends a 3-D Secure card through the challenge, which succeeds and returns with succeeded', async () => {
      const intent = await aPledgeIntent();
      const challenge = await payWith(intent, 'pm_card_authenticationRequired');
      expect(challenge.status).toBe(303);
      expect(challenge.headers.get('location')).toBe(`${bed.emulator.url}/emulator/3ds/${intent.id}`);
      expect((await bed.stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_action');
      const back = wentBackTo(await submit(challenge.headers.get('location') ?? '', { outcome: 'succeed' }));
      expect(back.query).toEqual({
        step: 'card',
        payment_intent: intent.id,
        payment_intent_client_secret: intent.client_secret,
        redirect_status: 'succeeded',
      });
      expect((await bed.stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
    });

    it('returns with failed when the 3-D Secure challenge fails, the intent waiting for another card', async () => {
      const intent = await aPledgeIntent();
      const challenge = await payWith(intent, 'pm_card_authenticationRequired');
      const back = wentBackTo(await submit(challenge.headers.get('location') ?? '', { outcome: 'fail' }));
      expect(back.query['redirect_status']).toBe('failed');
      expect(await bed.stripe.paymentIntents.retrieve(intent.id)).toMatchObject({
        status: 'requires_payment_method',
        last_payment_error: { code: 'payment_intent_authentication_failure' },
      });
    });

    it('returns with failed on a decline, as Stripe leaves the intent: requires_payment_method with last_payment_error; another card then pays', async () => {
      const intent = await aPledgeIntent();
      const back = wentBackTo(await payWith(intent, 'pm_card_chargeDeclinedInsufficientFunds'));
      expect(back.query).toMatchObject({ payment_intent: intent.id, redirect_status: 'failed' });
      expect(await bed.stripe.paymentIntents.retrieve(intent.id)).toMatchObject({
        status: 'requires_payment_method',
        amount_received: 0,
        last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' },
      });
      expect((await fetch(payPage(intent))).status).toBe(200);
      expect(wentBackTo(await payWith(intent, 'pm_card_visa')).query['redirect_status']).toBe('succeeded');
    });

    it('saves a card for a SetupIntent, returning with setup_intent and its client secret', async () => {
      const customer = await bed.stripe.customers.create({ email: 'camille@example.org' });
      const setup = await bed.stripe.setupIntents.create({ customer: customer.id, usage: 'off_session' });
      const page = await fetch(payPage(setup));
      expect(await page.text()).toContain('<h1>Save a card for later payments</h1>');
      const challenge = await payWith(setup, 'pm_card_authenticationRequired');
      expect(challenge.headers.get('location')).toBe(`${bed.emulator.url}/emulator/3ds/${setup.id}`);
      const back = wentBackTo(await submit(challenge.headers.get('location') ?? '', { outcome: 'succeed' }));
      expect(back.query).toEqual({
        step: 'card',
        setup_intent: setup.id,
        setup_intent_client_secret: setup.client_secret,
        redirect_status: 'succeeded',
      });
      expect((await bed.stripe.setupIntents.retrieve(setup.id)).status).toBe('succeeded');
      expect((await bed.stripe.customers.listPaymentMethods(customer.id)).data).toHaveLength(1);

      const declined = await bed.stripe.setupIntents.create({ customer: customer.id });
      expect(wentBackTo(await payWith(declined, 'pm_card_chargeDeclined')).query).toMatchObject({
        setup_intent: declined.id,
        redirect_status: 'failed',
      });
      expect((await bed.stripe.setupIntents.retrieve(declined.id)).status).toBe('requires_payment_method');
    });

    it('refuses a wrong client secret, an intent not awaiting a payment method and a return_url that is not http(s), changing nothing', async () => {
      const intent = await aPledgeIntent();
      const other = await aPledgeIntent();
      const wrongSecret = { id: intent.id, client_secret: other.client_secret };
      const paid = await aPledgeIntent();
      await bed.stripe.paymentIntents.confirm(paid.id, { payment_method: 'pm_card_visa' });
      const refusals: Array<[string, Response, RegExp]> = [
        ['wrong secret (GET)', await fetch(payPage(wrongSecret)), /client secret does not belong/],
        ['wrong secret (POST)', await payWith(wrongSecret, 'pm_card_visa'), /client secret does not belong/],
        ['no secret', await fetch(`${bed.emulator.url}/emulator/pay/${intent.id}`), /client secret does not belong/],
        ['paid already', await payWith(paid, 'pm_card_visa'), /not waiting for a payment method: its status is succeeded/],
        ['javascript: return', await fetch(payPage(intent, 'javascript:alert(1)')), /return_url must be an http/],
        ['relative return', await payWith(intent, 'pm_card_visa', '/done'), /return_url must be an http/],
      ];
      for (const [what, answer, reason] of refusals) {
        expect([what, answer.status]).toEqual([what, 400]);
        expect([what, await answer.text()]).toEqual([what, expect.stringMatching(reason)]);
      }
      const unknownCard = await payWith(intent, 'pm_card_mastercard');
      expect(unknownCard.status).toBe(400);
      expect(await unknownCard.text()).toContain('<p id="card-error" role="alert"><strong>Choose one of the test cards.');
      expect((await fetch(payPage({ id: 'pi_unknown', client_secret: 'x' }))).status).toBe(404);
      const untouched = await bed.stripe.paymentIntents.retrieve(intent.id);
      expect(untouched).toMatchObject({ status: 'requires_payment_method', payment_method: null, latest_charge: null });
      expect((await bed.stripe.events.list({ limit: 100 })).data.filter((event) => relatedTo(event, intent.id))).toHaveLength(1); // created
    });

    it('emits the events, and delivers the webhooks, of an API confirm', async () => {
      const receiver = await startWebhookReceiver(bed.emulator.webhookSecret);
      try {
        await bed.emulator.control.addWebhookEndpoint(receiver.url);
        const byApi = await aPledgeIntent();
        await bed.stripe.paymentIntents.confirm(byApi.id, { payment_method: 'pm_card_visa' });
        const byPage = await aPledgeIntent();
        await payWith(byPage, 'pm_card_visa');
        const declinedByApi = await aPledgeIntent();
        await bed.stripe.paymentIntents.confirm(declinedByApi.id, { payment_method: 'pm_card_chargeDeclined' }).catch(() => null);
        const declinedByPage = await aPledgeIntent();
        await payWith(declinedByPage, 'pm_card_chargeDeclined');

        const typesFor = (id: string): string[] =>
          receiver.events
            .filter((event) => relatedTo(event, id))
            .map((event) => event.type)
            .sort();
        await waitUntil(
          () =>
            typesFor(byPage.id).includes('payment_intent.succeeded') &&
            typesFor(declinedByPage.id).includes('payment_intent.payment_failed'),
          {
            timeoutMs: 5_000,
            description: 'the page’s confirmations are delivered',
          },
        );
        await waitUntil(() => typesFor(byApi.id).length === typesFor(byPage.id).length, {
          timeoutMs: 5_000,
          description: 'the API’s confirmation is delivered',
        });
        expect(typesFor(byPage.id)).toEqual(typesFor(byApi.id));
        expect(typesFor(byPage.id)).toEqual(['charge.succeeded', 'payment_intent.created', 'payment_intent.succeeded']);
        expect(typesFor(declinedByPage.id)).toEqual(typesFor(declinedByApi.id));
        expect(typesFor(declinedByPage.id)).toContain('charge.failed');
        const succeeded = receiver.events.find(
          (event) => event.type === 'payment_intent.succeeded' && relatedTo(event, byPage.id),
        );
        expect(succeeded?.request).toEqual({ id: expect.stringMatching(/^req_/), idempotency_key: null });
        expect(succeeded?.data.object).toMatchObject({ metadata: { pledge_id: 'p-1' }, amount_received: 2_550 });
        expect(receiver.rejected).toEqual([]);
      } finally {
        await receiver.close();
      }
    });
  });
});

/** The intent itself, or a charge of it. */
const relatedTo = (event: Stripe.Event, intentId: string): boolean => {
  const object = event.data.object as { id?: string; payment_intent?: string | null };
  return object.id === intentId || object.payment_intent === intentId;
};
