import Stripe from 'stripe';
import { emulatorForThisFile } from './emulator.fixture';

describe("Stripe's wire conventions", () => {
  const bed = emulatorForThisFile();

  it('replays the same response for the same Idempotency-Key and body, with Idempotent-Replayed', async () => {
    const params = { amount: 1_000, currency: 'eur', payment_method: 'pm_card_visa', confirm: true };
    const first = await bed.stripe.paymentIntents.create(params, { idempotencyKey: 'pledge:1:collect' });
    const again = await bed.stripe.paymentIntents.create(params, { idempotencyKey: 'pledge:1:collect' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    const { data } = await bed.stripe.paymentIntents.list({ limit: 100 });
    expect(data.filter((intent) => intent.id === first.id)).toHaveLength(1);
    expect((await bed.emulator.control.state()).charges).toHaveProperty(first.latest_charge as string);
  });

  it('refuses the same Idempotency-Key with other parameters: idempotency_error, 400', async () => {
    await bed.stripe.customers.create({ email: 'a@example.org' }, { idempotencyKey: 'customer:a' });
    await expect(bed.stripe.customers.create({ email: 'b@example.org' }, { idempotencyKey: 'customer:a' })).rejects.toMatchObject(
      {
        type: 'StripeIdempotencyError',
        statusCode: 400,
      },
    );
  });

  it('refuses an Idempotency-Key longer than 255 characters', async () => {
    await expect(bed.stripe.customers.create({}, { idempotencyKey: 'k'.repeat(256) })).rejects.toMatchObject({ statusCode: 400 });
  });

  it('replays a decline as the same decline', async () => {
    const params = { amount: 1_000, currency: 'eur', payment_method: 'pm_card_chargeDeclined', confirm: true };
    const first = (await bed.stripe.paymentIntents
      .create(params, { idempotencyKey: 'pledge:2:collect' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    const again = (await bed.stripe.paymentIntents
      .create(params, { idempotencyKey: 'pledge:2:collect' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(again).toMatchObject({ statusCode: 402, decline_code: 'generic_decline' });
    expect(again.requestId).not.toBe(first.requestId);
    expect((again.raw as { payment_intent: { id: string } }).payment_intent.id).toBe(
      (first.raw as { payment_intent: { id: string } }).payment_intent.id,
    );
  });

  it('answers 401 without a key and with a key that is not sk_test_', async () => {
    const noKey = await fetch(`${bed.emulator.url}/v1/customers`);
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: expect.stringContaining('did not provide an API key') },
    });
    const live = new Stripe('sk_live_notallowed', {
      host: bed.emulator.host,
      port: bed.emulator.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    await expect(live.customers.list()).rejects.toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
  });

  it('answers 404 resource_missing for an unknown id, with the param', async () => {
    await expect(bed.stripe.paymentIntents.retrieve('pi_doesnotexist')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      code: 'resource_missing',
      param: 'id',
    });
  });

  it('answers 400 parameter_missing for a missing required parameter', async () => {
    await expect(bed.stripe.paymentIntents.create({ currency: 'eur' } as Stripe.PaymentIntentCreateParams)).rejects.toMatchObject(
      {
        statusCode: 400,
        code: 'parameter_missing',
        param: 'amount',
      },
    );
  });

  it('pages lists newest first with limit, starting_after and has_more; auto-pagination reads them all', async () => {
    const group = await bed.stripe.customers.create({ email: 'page@example.org' });
    const created = [group.id];
    for (let i = 0; i < 4; i += 1) created.push((await bed.stripe.customers.create({ email: 'page@example.org' })).id);
    const first = await bed.stripe.customers.list({ email: 'page@example.org', limit: 2 });
    expect(first).toMatchObject({ object: 'list', has_more: true, url: '/v1/customers' });
    expect(first.data.map((c) => c.id)).toEqual([created[4], created[3]]);
    const second = await bed.stripe.customers.list({ email: 'page@example.org', limit: 2, starting_after: first.data[1]?.id });
    expect(second.data.map((c) => c.id)).toEqual([created[2], created[1]]);
    const all = await bed.stripe.customers.list({ email: 'page@example.org', limit: 2 }).autoPagingToArray({ limit: 100 });
    expect(all.map((c) => c.id)).toEqual([...created].reverse());
  });

  it('keeps nested metadata and expands ids into objects on GET', async () => {
    const customer = await bed.stripe.customers.create({
      email: 'x@example.org',
      metadata: { account_id: 'acc-1', campaign: 'c-9' },
    });
    const intent = await bed.stripe.paymentIntents.create({
      amount: 700,
      currency: 'eur',
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const read = await bed.stripe.paymentIntents.retrieve(intent.id, { expand: ['customer', 'latest_charge'] });
    expect(read.customer).toMatchObject({ id: customer.id, metadata: { account_id: 'acc-1', campaign: 'c-9' } });
    expect(read.latest_charge).toMatchObject({ object: 'charge', amount: 700 });
  });

  it('answers 404 for a path outside what it emulates, and 400 amount_too_small under Stripe’s minimum', async () => {
    const unknown = await fetch(`${bed.emulator.url}/v1/invoices`, {
      headers: { authorization: `Bearer ${bed.emulator.secretKey}` },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: expect.stringContaining('Unrecognized request URL') },
    });
    await expect(bed.stripe.paymentIntents.create({ amount: 49, currency: 'eur' })).rejects.toMatchObject({
      code: 'amount_too_small',
      param: 'amount',
    });
  });

  it('names the request and its idempotency key in the events it causes', async () => {
    const customer = await bed.stripe.customers.create({ email: 'event@example.org' }, { idempotencyKey: 'account:42:customer' });
    const [event] = (await bed.stripe.events.list({ type: 'customer.created', limit: 100 })).data.filter(
      (e) => (e.data.object as Stripe.Customer).id === customer.id,
    );
    expect(event?.request).toEqual({ id: customer.lastResponse.requestId, idempotency_key: 'account:42:customer' });
  });
});
