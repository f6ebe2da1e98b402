import { uuidv7, eur } from '@elan/domain-kernel';
import { idempotencyKey, type ElanOwner } from '../../src';
import { aPledge, itWithControls, required, type Controls, type TargetOf } from './conformance-target';

/** Payouts: separate charges and transfers to the holder's Express account, grouped per campaign. */
export const connect = (target: TargetOf, controls: Controls): void =>
  describe('Connect: Express accounts, transfers and reversals', () => {
    const aHolderAccount = async () => {
      const campaignId = uuidv7();
      const owner: ElanOwner = { service: 'payout', entity: 'campaign', id: campaignId };
      const account = await target().provider.createConnectedAccount({
        owner,
        idempotencyKey: idempotencyKey('campaign', campaignId, 'create-account'),
        email: `holder-${campaignId}@example.org`,
        country: target().connectedAccountCountry,
      });
      return { campaignId, owner, account };
    };

    const aCharge = async () => {
      const pledge = aPledge();
      const outcome = await target().provider.payNow({
        owner: pledge.owner,
        idempotencyKey: pledge.key('pay'),
        amount: eur(5_000),
        paymentMethodId: 'pm_card_visa',
      });
      if (outcome.kind !== 'succeeded' || !outcome.payment.chargeId) throw new Error('pm_card_visa did not succeed');
      return outcome.payment.chargeId;
    };

    const payOut = async (campaignId: string, accountId: string, sourceChargeId: string) =>
      target().provider.transfer({
        owner: { service: 'payout', entity: 'campaign', id: campaignId },
        idempotencyKey: idempotencyKey('campaign', campaignId, 'payout', sourceChargeId),
        amount: eur(5_000),
        destinationAccountId: accountId,
        transferGroup: `campaign-${campaignId}`,
        sourceChargeId,
      });

    it('creates an Express account pending onboarding, owned by the campaign, and an onboarding link', async () => {
      const { owner, account } = await aHolderAccount();
      expect(account).toMatchObject({
        accountId: expect.stringMatching(/^acct_/),
        state: 'pending',
        canReceiveTransfers: false,
        owner,
      });
      await expect(target().provider.retrieveConnectedAccount(account.accountId)).resolves.toEqual(account);
      const link = await target().provider.createOnboardingLink({
        accountId: account.accountId,
        refreshUrl: 'https://elan.example.org/holder/onboarding/refresh',
        returnUrl: 'https://elan.example.org/holder/onboarding/done',
      });
      expect(link.url).toMatch(/^https?:\/\//);
      expect(link.expiresAt.getTime()).toBeGreaterThan(Date.now());
    });

    it('refuses a transfer to an account that cannot receive transfers yet, as an outcome', async () => {
      const { campaignId, account } = await aHolderAccount();
      await expect(payOut(campaignId, account.accountId, await aCharge())).resolves.toEqual({
        kind: 'refused',
        code: expect.any(String),
        message: expect.any(String),
      });
    });

    itWithControls(controls)(
      'transfers to a verified account from its source charge, and reverses part of it (emulator control)',
      async () => {
        const verification = required(target().verification, 'verification');
        const { campaignId, owner, account } = await aHolderAccount();
        await verification.verify(account.accountId);
        await expect(target().provider.retrieveConnectedAccount(account.accountId)).resolves.toMatchObject({
          state: 'verified',
          canReceiveTransfers: true,
          requirements: { currentlyDue: [], disabledReason: null },
        });
        const chargeId = await aCharge();
        const outcome = await payOut(campaignId, account.accountId, chargeId);
        expect(outcome).toEqual({
          kind: 'transferred',
          transfer: {
            transferId: expect.stringMatching(/^tr_/),
            amount: eur(5_000),
            amountReversed: eur(0),
            destinationAccountId: account.accountId,
            transferGroup: `campaign-${campaignId}`,
            sourceChargeId: chargeId,
            owner,
          },
        });
        if (outcome.kind !== 'transferred') return;
        const reversal = await target().provider.reverseTransfer({
          owner,
          idempotencyKey: idempotencyKey('campaign', campaignId, 'reverse', outcome.transfer.transferId),
          transferId: outcome.transfer.transferId,
          amount: eur(1_200),
        });
        expect(reversal).toEqual({
          reversalId: expect.stringMatching(/^trr_/),
          transferId: outcome.transfer.transferId,
          amount: eur(1_200),
        });
        await expect(target().provider.retrieveTransfer(outcome.transfer.transferId)).resolves.toMatchObject({
          amountReversed: eur(1_200),
        });
      },
    );

    itWithControls(controls)(
      'reports a restricted account with what Stripe needs, and refuses transfers to it (emulator control)',
      async () => {
        const verification = required(target().verification, 'verification');
        const { campaignId, account } = await aHolderAccount();
        await verification.verify(account.accountId);
        await verification.restrict(account.accountId, ['individual.verification.document']);
        await expect(target().provider.retrieveConnectedAccount(account.accountId)).resolves.toMatchObject({
          state: 'restricted',
          requirements: { currentlyDue: ['individual.verification.document'], disabledReason: expect.any(String) },
        });
        await expect(payOut(campaignId, account.accountId, await aCharge())).resolves.toMatchObject({ kind: 'refused' });
      },
    );
  });
