import { eur } from '@elan/domain-kernel';
import { aContributor, aPledge, type TargetOf } from './conformance-target';

/** All-or-nothing campaigns: the card is saved at pledge time and charged, off session, at success. */
export const cardSetups = (target: TargetOf): void =>
  describe('cards saved for later (SetupIntents) and off-session charges', () => {
    const saveCard = async (testCard: string) => {
      const contributor = aContributor();
      const pledge = aPledge();
      const { provider } = target();
      const customer = await provider.createCustomer({ ...contributor, idempotencyKey: contributor.key });
      const setup = await provider.startCardSetup({
        owner: pledge.owner,
        idempotencyKey: pledge.key('save-card'),
        customerId: customer.customerId,
      });
      const outcome = await provider.confirmCardSetup(setup.setupId, {
        idempotencyKey: pledge.key('confirm-card'),
        paymentMethodId: testCard,
      });
      return { customer, pledge, setup, outcome };
    };

    const chargeLater = async (testCard: string) => {
      const { customer, pledge, outcome } = await saveCard(testCard);
      if (outcome.kind !== 'succeeded' || !outcome.setup.paymentMethodId) throw new Error(`${testCard} was not saved`);
      return target().provider.chargeSavedCard({
        owner: pledge.owner,
        idempotencyKey: pledge.key('collect'),
        amount: eur(2_500),
        customerId: customer.customerId,
        paymentMethodId: outcome.setup.paymentMethodId,
      });
    };

    it('starts a setup waiting for a card, owned by the pledge', async () => {
      const { setup, pledge, customer } = await saveCard('pm_card_visa');
      expect(setup).toEqual({
        setupId: expect.stringMatching(/^seti_/),
        status: 'awaiting_card',
        customerId: customer.customerId,
        paymentMethodId: null,
        owner: pledge.owner,
        clientSecret: expect.stringMatching(new RegExp(`^${setup.setupId}_secret_`)),
      });
    });

    it('saves pm_card_visa and charges it later without the contributor', async () => {
      const { setup, outcome } = await saveCard('pm_card_visa');
      expect(outcome).toMatchObject({ kind: 'succeeded', setup: { setupId: setup.setupId, status: 'succeeded' } });
      await expect(target().provider.retrieveCardSetup(setup.setupId)).resolves.toMatchObject({ status: 'succeeded' });
      await expect(chargeLater('pm_card_visa')).resolves.toMatchObject({
        kind: 'succeeded',
        payment: { status: 'succeeded', amount: eur(2_500), chargeId: expect.stringMatching(/^(ch|py)_/) },
      });
    });

    it('saves pm_card_chargeCustomerFail, then the off-session charge is declined', async () =>
      expect(chargeLater('pm_card_chargeCustomerFail')).resolves.toMatchObject({
        kind: 'declined',
        code: 'card_declined',
        payment: { status: 'awaiting_card', lastDeclineCode: expect.any(String) },
      }));

    it('asks for 3-D Secure when pm_card_authenticationRequired is saved', async () => {
      const { outcome } = await saveCard('pm_card_authenticationRequired');
      expect(outcome).toMatchObject({
        kind: 'requires_action',
        setup: { status: 'awaiting_authentication' },
        clientSecret: expect.any(String),
      });
    });

    it('declines an off-session charge of an attached pm_card_authenticationRequired: the contributor must come back', async () => {
      const contributor = aContributor();
      const pledge = aPledge();
      const { provider } = target();
      const customer = await provider.createCustomer({ ...contributor, idempotencyKey: contributor.key });
      const attached = await provider.attachCard('pm_card_authenticationRequired', customer.customerId);
      if (attached.kind !== 'attached') throw new Error('pm_card_authenticationRequired was not attached');
      const outcome = await provider.chargeSavedCard({
        owner: pledge.owner,
        idempotencyKey: pledge.key('collect'),
        amount: eur(2_500),
        customerId: customer.customerId,
        paymentMethodId: attached.card.paymentMethodId,
      });
      expect(outcome).toMatchObject({
        kind: 'declined',
        declineCode: 'authentication_required',
        payment: { status: 'awaiting_card' },
      });
    });

    it('answers a declined outcome when saving pm_card_chargeDeclinedInsufficientFunds', async () => {
      const { outcome } = await saveCard('pm_card_chargeDeclinedInsufficientFunds');
      expect(outcome).toMatchObject({ kind: 'declined', declineCode: 'insufficient_funds', setup: { status: 'awaiting_card' } });
    });
  });
