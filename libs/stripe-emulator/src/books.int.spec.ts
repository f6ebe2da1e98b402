import { unbalancedBooks } from './books';
import { emulatorForThisFile } from './emulator.fixture';

describe('the emulator’s books', () => {
  const bed = emulatorForThisFile();

  const chargeAndRefund = async (): Promise<string> => {
    const intent = await bed.stripe.paymentIntents.create({
      amount: 2_500,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const charge = String(intent.latest_charge);
    await bed.stripe.refunds.create({ charge, amount: 1_000 });
    return charge;
  };

  it('balance to the cent after charges, a partial refund and fees', async () => {
    await chargeAndRefund();

    expect(unbalancedBooks(await bed.emulator.control.state())).toEqual([]);
  });

  it('name the charge whose stored amount was altered, and the currency that no longer adds up', async () => {
    const charge = await chargeAndRefund();
    const data = await bed.emulator.control.state();
    const altered = { ...data, charges: { ...data.charges, [charge]: { ...data.charges[charge]!, amount_captured: 2_600 } } };

    const problems = unbalancedBooks(altered);

    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(charge), expect.stringMatching(/^eur: /)]));
  });
});
