import { eur } from '@elan/domain-kernel';
import { aContributor, aPledge, itWithControls, required, type Controls, type TargetOf } from './conformance-target';

/**
 * 3-D Secure completed by the contributor. Stripe's test mode completes it only in a browser, so
 * these run against the emulator, whose control API plays the contributor.
 */
export const authentication = (target: TargetOf, controls: Controls): void =>
  describe('3-D Secure completed by the contributor', () => {
    itWithControls(controls)(
      'succeeds a payment once pm_card_authenticationRequired is authenticated (emulator control)',
      async () => {
        const pledge = aPledge();
        const { provider } = target();
        const outcome = await provider.payNow({
          owner: pledge.owner,
          idempotencyKey: pledge.key('pay'),
          amount: eur(1_500),
          paymentMethodId: 'pm_card_authenticationRequired',
        });
        if (outcome.kind !== 'requires_action') throw new Error(`expected requires_action, got ${outcome.kind}`);
        await required(target().completeAuthentication, 'completeAuthentication')(outcome.payment.paymentId);
        await expect(provider.retrievePayment(outcome.payment.paymentId)).resolves.toMatchObject({
          status: 'succeeded',
          chargeId: expect.stringMatching(/^(ch|py)_/),
        });
      },
    );

    itWithControls(controls)(
      'charges pm_card_authenticationRequiredOnSetup off session once its setup was authenticated (emulator control)',
      async () => {
        const contributor = aContributor();
        const pledge = aPledge();
        const { provider } = target();
        const customer = await provider.createCustomer({ ...contributor, idempotencyKey: contributor.key });
        const setup = await provider.startCardSetup({
          owner: pledge.owner,
          idempotencyKey: pledge.key('save-card'),
          customerId: customer.customerId,
          paymentMethodId: 'pm_card_authenticationRequiredOnSetup',
        });
        expect(setup.status).toBe('awaiting_confirmation');
        const outcome = await provider.confirmCardSetup(setup.setupId, { idempotencyKey: pledge.key('confirm-card') });
        expect(outcome).toMatchObject({ kind: 'requires_action', setup: { status: 'awaiting_authentication' } });
        await required(target().completeAuthentication, 'completeAuthentication')(setup.setupId);
        const saved = await provider.retrieveCardSetup(setup.setupId);
        expect(saved).toMatchObject({ status: 'succeeded', paymentMethodId: expect.stringMatching(/^pm_/) });
        await expect(
          provider.chargeSavedCard({
            owner: pledge.owner,
            idempotencyKey: pledge.key('collect'),
            amount: eur(2_000),
            customerId: customer.customerId,
            paymentMethodId: saved.paymentMethodId ?? '',
          }),
        ).resolves.toMatchObject({ kind: 'succeeded' });
      },
    );
  });
