import type Stripe from 'stripe';
import { emulatorForThisFile } from './emulator.fixture';

describe('Connect: Express accounts and separate charges and transfers', () => {
  const bed = emulatorForThisFile();

  const expressAccount = () =>
    bed.stripe.accounts.create({
      type: 'express',
      country: 'FR',
      email: 'holder@example.org',
      capabilities: { transfers: { requested: true } },
    });

  const collect = (amount: number, group: string) =>
    bed.stripe.paymentIntents.create({
      amount,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      confirm: true,
      transfer_group: group,
    });

  it('creates a pending Express account with an onboarding link on the emulator', async () => {
    const account = await expressAccount();
    expect(account).toMatchObject({
      id: expect.stringMatching(/^acct_/),
      type: 'express',
      charges_enabled: false,
      payouts_enabled: false,
      capabilities: { transfers: 'inactive' },
      requirements: { disabled_reason: 'requirements.past_due' },
    });
    const link = await bed.stripe.accountLinks.create({
      account: account.id,
      type: 'account_onboarding',
      refresh_url: 'http://x/r',
      return_url: 'http://x/d',
    });
    expect(link.url).toBe(`${bed.emulator.url}/emulator/onboarding/${account.id}`);
  });

  it('moves verification pending → verified → restricted, each reported by account.updated', async () => {
    const account = await expressAccount();
    await bed.emulator.control.setAccountVerification(account.id, 'verified');
    expect(await bed.stripe.accounts.retrieve(account.id)).toMatchObject({
      charges_enabled: true,
      payouts_enabled: true,
      capabilities: { transfers: 'active' },
      requirements: { currently_due: [], disabled_reason: null },
    });
    await bed.emulator.control.setAccountVerification(account.id, 'restricted', ['individual.verification.document']);
    expect(await bed.stripe.accounts.retrieve(account.id)).toMatchObject({
      charges_enabled: false,
      payouts_enabled: false,
      capabilities: { transfers: 'inactive' },
      requirements: { currently_due: ['individual.verification.document'], disabled_reason: 'requirements.past_due' },
    });
    const updates = (await bed.stripe.events.list({ type: 'account.updated', limit: 100 })).data.filter(
      (event) => (event.data.object as Stripe.Account).id === account.id,
    );
    expect(updates.map((event) => (event.data.object as Stripe.Account).charges_enabled)).toEqual([false, true]);
    expect(updates[0]?.data.previous_attributes).toMatchObject({ charges_enabled: true });
  });

  it('transfers to a verified account from a charge, with transfer_group and source_transaction', async () => {
    const account = await expressAccount();
    await bed.emulator.control.setAccountVerification(account.id, 'verified');
    const intent = await collect(10_000, 'campaign:c-1');
    const transfer = await bed.stripe.transfers.create({
      amount: 9_000,
      currency: 'eur',
      destination: account.id,
      transfer_group: 'campaign:c-1',
      source_transaction: intent.latest_charge as string,
    });
    expect(transfer).toMatchObject({
      id: expect.stringMatching(/^tr_/),
      amount: 9_000,
      transfer_group: 'campaign:c-1',
      destination: account.id,
    });
    await expect(
      bed.stripe.transfers.create({
        amount: 2_000,
        currency: 'eur',
        destination: account.id,
        source_transaction: intent.latest_charge as string,
      }),
    ).rejects.toMatchObject({ statusCode: 400, code: 'amount_too_large' });
    expect((await bed.stripe.transfers.list({ transfer_group: 'campaign:c-1' })).data.map((t) => t.id)).toEqual([transfer.id]);
  });

  it('refuses a transfer to an account whose transfers capability is not active', async () => {
    const account = await expressAccount();
    const intent = await collect(5_000, 'campaign:c-2');
    await expect(
      bed.stripe.transfers.create({
        amount: 1_000,
        currency: 'eur',
        destination: account.id,
        source_transaction: intent.latest_charge as string,
      }),
    ).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'insufficient_capabilities_for_transfer',
    });
  });

  it('reverses a transfer in part, then the rest: reversed, with transfer.reversed events', async () => {
    const account = await expressAccount();
    await bed.emulator.control.setAccountVerification(account.id, 'verified');
    const intent = await collect(4_000, 'campaign:c-3');
    const transfer = await bed.stripe.transfers.create({
      amount: 4_000,
      currency: 'eur',
      destination: account.id,
      source_transaction: intent.latest_charge as string,
    });
    const part = await bed.stripe.transfers.createReversal(transfer.id, { amount: 1_000 });
    expect(part).toMatchObject({ id: expect.stringMatching(/^trr_/), amount: 1_000, transfer: transfer.id });
    await bed.stripe.transfers.createReversal(transfer.id);
    expect(await bed.stripe.transfers.retrieve(transfer.id)).toMatchObject({ amount_reversed: 4_000, reversed: true });
    const reversed = (await bed.stripe.events.list({ type: 'transfer.reversed', limit: 100 })).data.filter(
      (event) => (event.data.object as Stripe.Transfer).id === transfer.id,
    );
    expect(reversed).toHaveLength(2);
  });
});
