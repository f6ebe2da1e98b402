import type Stripe from 'stripe';
import { emulatorForThisFile } from './emulator.fixture';

describe('cards saved with a SetupIntent and charged later off-session', () => {
  const bed = emulatorForThisFile();

  const saveCard = async (card: string) => {
    const customer = await bed.stripe.customers.create({ email: 'saver@example.org' });
    const setup = await bed.stripe.setupIntents.create({
      customer: customer.id,
      payment_method: card,
      usage: 'off_session',
      confirm: true,
    });
    return { customer, setup };
  };

  const chargeLater = (customer: string, paymentMethod: string) =>
    bed.stripe.paymentIntents.create({
      amount: 3_000,
      currency: 'eur',
      customer,
      payment_method: paymentMethod,
      off_session: true,
      confirm: true,
    });

  it('saves pm_card_visa and charges it off-session', async () => {
    const { customer, setup } = await saveCard('pm_card_visa');
    expect(setup).toMatchObject({ status: 'succeeded', usage: 'off_session' });
    const method = await bed.stripe.paymentMethods.retrieve(setup.payment_method as string);
    expect(method.customer).toBe(customer.id);
    expect((await chargeLater(customer.id, method.id)).status).toBe('succeeded');
  });

  it('saves pm_card_chargeCustomerFail, then declines every charge of it', async () => {
    const { customer, setup } = await saveCard('pm_card_chargeCustomerFail');
    expect(setup.status).toBe('succeeded');
    await expect(chargeLater(customer.id, setup.payment_method as string)).rejects.toMatchObject({
      statusCode: 402,
      code: 'card_declined',
      decline_code: 'generic_decline',
    });
  });

  it('fails to save pm_card_chargeDeclined: setup_failed with last_setup_error', async () => {
    const customer = await bed.stripe.customers.create({});
    await expect(
      bed.stripe.setupIntents.create({ customer: customer.id, payment_method: 'pm_card_chargeDeclined', confirm: true }),
    ).rejects.toMatchObject({ statusCode: 402, code: 'card_declined' });
    const [intent] = (await bed.stripe.setupIntents.list({ customer: customer.id })).data;
    expect(intent).toMatchObject({ status: 'requires_payment_method', last_setup_error: { code: 'card_declined' } });
    const events = await bed.stripe.events.list({ type: 'setup_intent.setup_failed', limit: 100 });
    expect(events.data.some((event) => (event.data.object as Stripe.SetupIntent).id === intent?.id)).toBe(true);
  });

  it('authenticates pm_card_authenticationRequired on setup, and still needs authentication off-session: authentication_required', async () => {
    const { customer, setup } = await saveCard('pm_card_authenticationRequired');
    expect(setup.status).toBe('requires_action');
    const done = await bed.emulator.control.completeAuthentication<Stripe.SetupIntent>(setup.id);
    expect(done.status).toBe('succeeded');
    const error = (await chargeLater(customer.id, setup.payment_method as string).catch(
      (e: unknown) => e,
    )) as Stripe.errors.StripeCardError;
    expect(error).toMatchObject({ statusCode: 402, code: 'authentication_required', decline_code: 'authentication_required' });
    const intent = await bed.stripe.paymentIntents.retrieve((error.raw as { payment_intent: { id: string } }).payment_intent.id);
    expect(intent).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'authentication_required' } });
  });

  it('charges pm_card_authenticationRequiredOnSetup off-session once set up, without asking again', async () => {
    const { customer, setup } = await saveCard('pm_card_authenticationRequiredOnSetup');
    await bed.emulator.control.completeAuthentication(setup.id);
    expect((await chargeLater(customer.id, setup.payment_method as string)).status).toBe('succeeded');
  });

  it('gives the same card the same fingerprint across customers, and other cards another', async () => {
    const a = await saveCard('pm_card_visa');
    const b = await saveCard('pm_card_visa');
    const c = await saveCard('pm_card_chargeCustomerFail');
    const fingerprint = async (setup: Stripe.SetupIntent) =>
      (await bed.stripe.paymentMethods.retrieve(setup.payment_method as string)).card?.fingerprint;
    expect(a.setup.payment_method).not.toBe(b.setup.payment_method);
    expect(await fingerprint(a.setup)).toBe(await fingerprint(b.setup));
    expect(await fingerprint(c.setup)).not.toBe(await fingerprint(a.setup));
  });

  it('attaches and detaches a payment method, listed under its customer', async () => {
    const customer = await bed.stripe.customers.create({});
    const method = await bed.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    expect(method).toMatchObject({ id: expect.stringMatching(/^pm_/), customer: customer.id, card: { last4: '4242' } });
    expect((await bed.stripe.customers.listPaymentMethods(customer.id)).data.map((m) => m.id)).toEqual([method.id]);
    expect((await bed.stripe.paymentMethods.detach(method.id)).customer).toBeNull();
    expect((await bed.stripe.paymentMethods.list({ customer: customer.id })).data).toEqual([]);
  });

  it('refuses to attach pm_card_chargeDeclined (Stripe checks the card)', async () => {
    const customer = await bed.stripe.customers.create({});
    await expect(bed.stripe.paymentMethods.attach('pm_card_chargeDeclined', { customer: customer.id })).rejects.toMatchObject({
      type: 'StripeCardError',
      code: 'card_declined',
    });
  });
});
