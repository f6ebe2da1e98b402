import { emulatorForThisFile } from './emulator.fixture';

describe('the pages a person opens in a browser', () => {
  const bed = emulatorForThisFile();

  const submit = (url: string, outcome: string) =>
    fetch(url, { method: 'POST', body: new URLSearchParams({ outcome }), redirect: 'manual' });

  it('completes 3-D Secure from the next_action page, then sends the browser back to return_url', async () => {
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
    const answer = await submit(url, 'succeed');
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('http://127.0.0.1:4200/pledges/p-1/done');
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
    expect((await submit(link.url, 'verified')).status).toBe(200);
    expect(await bed.stripe.accounts.retrieve(account.id)).toMatchObject({
      charges_enabled: true,
      capabilities: { transfers: 'active' },
    });
  });
});
