import { isPaymentProviderError } from '../../src';
import { aContributor, type TargetOf } from './conformance-target';

export const customersAndCards = (target: TargetOf): void =>
  describe('customers and cards', () => {
    const aCustomer = async () => {
      const contributor = aContributor();
      const customer = await target().provider.createCustomer({ ...contributor, idempotencyKey: contributor.key });
      return { contributor, customer };
    };

    it('creates a customer that carries its Élan owner, and retrieves it', async () => {
      const { contributor, customer } = await aCustomer();
      expect(customer).toEqual({
        customerId: expect.stringMatching(/^cus_/),
        email: contributor.email,
        owner: contributor.owner,
      });
      await expect(target().provider.retrieveCustomer(customer.customerId)).resolves.toEqual(customer);
    });

    it('creates the customer once when the same key is sent twice', async () => {
      const contributor = aContributor();
      const request = { ...contributor, idempotencyKey: contributor.key };
      const [first, second] = [await target().provider.createCustomer(request), await target().provider.createCustomer(request)];
      expect(second.customerId).toBe(first.customerId);
    });

    it('deletes a customer, what it held going with it, and deleting it again is no error', async () => {
      const { customer } = await aCustomer();
      await target().provider.deleteCustomer(customer.customerId);

      const retrieved = await target()
        .provider.retrieveCustomer(customer.customerId)
        .catch((error: unknown) => error);
      expect(isPaymentProviderError(retrieved, 'not_found')).toBe(true);
      await expect(target().provider.deleteCustomer(customer.customerId)).resolves.toBeUndefined();
    });

    it('attaches a test card and tells its brand, last four digits and fingerprint', async () => {
      const { customer } = await aCustomer();
      const attached = await target().provider.attachCard('pm_card_visa', customer.customerId);
      if (attached.kind !== 'attached') throw new Error(`pm_card_visa was not attached: ${JSON.stringify(attached)}`);
      expect(attached.card).toEqual({
        paymentMethodId: expect.stringMatching(/^pm_/),
        customerId: customer.customerId,
        brand: 'visa',
        last4: '4242',
        fingerprint: expect.any(String),
        expMonth: expect.any(Number),
        expYear: expect.any(Number),
      });
      await expect(target().provider.retrieveCard(attached.card.paymentMethodId)).resolves.toEqual(attached.card);
    });

    it('gives the same card number the same fingerprint across customers, and another card another', async () => {
      const fingerprint = async (testCard: string) => {
        const attached = await target().provider.attachCard(testCard, (await aCustomer()).customer.customerId);
        if (attached.kind !== 'attached') throw new Error(`${testCard} was not attached`);
        return attached.card.fingerprint;
      };
      const [visa, visaAgain, mastercard] = [
        await fingerprint('pm_card_visa'),
        await fingerprint('pm_card_visa'),
        await fingerprint('pm_card_mastercard'),
      ];
      expect(visaAgain).toBe(visa);
      expect(mastercard).not.toBe(visa);
    });

    it.each([
      ['pm_card_chargeDeclined', 'generic_decline'],
      ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ])('answers a declined outcome when %s is attached (Stripe checks the card)', async (testCard, declineCode) => {
      const { customer } = await aCustomer();
      await expect(target().provider.attachCard(testCard, customer.customerId)).resolves.toEqual({
        kind: 'declined',
        declineCode,
        code: 'card_declined',
        message: expect.any(String),
      });
    });

    it('attaches pm_card_chargeCustomerFail: the card is refused only when charged', async () => {
      const { customer } = await aCustomer();
      await expect(target().provider.attachCard('pm_card_chargeCustomerFail', customer.customerId)).resolves.toMatchObject({
        kind: 'attached',
        card: { last4: '0341' },
      });
    });

    it('reports an unknown customer as not found, with Stripe’s code kept', async () => {
      const error: unknown = await target()
        .provider.retrieveCustomer('cus_doesnotexist0000')
        .catch((thrown: unknown) => thrown);
      expect(isPaymentProviderError(error, 'not_found')).toBe(true);
      expect(error).toMatchObject({ details: { code: 'resource_missing', statusCode: 404 } });
    });

    it('reports a wrong secret key as a misconfiguration', async () => {
      const error: unknown = await target()
        .providerWith({ secretKey: 'sk_test_not-a-key' })
        .retrieveCustomer('cus_any')
        .catch((thrown: unknown) => thrown);
      expect(isPaymentProviderError(error, 'misconfigured')).toBe(true);
    });
  });
