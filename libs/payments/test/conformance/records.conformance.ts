import { eur, uuidv7 } from '@elan/domain-kernel';
import { idempotencyKey, type ElanOwner } from '../../src';
import { aPledge, itWithControls, required, type Controls, type TargetOf } from './conformance-target';

/**
 * What a reconciliation reads: Stripe's lists of PaymentIntents, refunds, transfers and balance
 * transactions, every page, each object with the fields compared and its balance transaction's
 * source pointing back at it.
 */
export const records = (target: TargetOf, controls: Controls): void =>
  describe('the lists a reconciliation reads', () => {
    it('lists a paid and partly refunded payment, its refund and both balance transactions', async () => {
      const pledge = aPledge();
      const { provider } = target();
      const group = `campaign-${uuidv7()}`;
      const outcome = await provider.payNow({
        owner: pledge.owner,
        idempotencyKey: pledge.key('pay'),
        amount: eur(6_000),
        paymentMethodId: 'pm_card_visa',
        transferGroup: group,
      });
      if (outcome.kind !== 'succeeded' || !outcome.payment.chargeId) throw new Error('pm_card_visa did not succeed');
      const tipOwner: ElanOwner = { service: 'tipping', entity: 'tip', id: uuidv7() };
      const refund = await provider.refund({
        owner: tipOwner,
        idempotencyKey: idempotencyKey('tip', tipOwner.id, 'refund'),
        paymentId: outcome.payment.paymentId,
        amount: eur(500),
      });
      const payments = await provider.listPayments();
      expect(payments.find((p) => p.paymentId === outcome.payment.paymentId)).toEqual({
        paymentId: outcome.payment.paymentId,
        status: 'succeeded',
        amountReceived: eur(6_000),
        chargeId: outcome.payment.chargeId,
        transferGroup: group,
        owner: pledge.owner,
      });
      expect((await provider.listRefunds()).find((r) => r.refundId === refund.refundId)).toEqual({
        refundId: refund.refundId,
        paymentId: outcome.payment.paymentId,
        amount: eur(500),
        status: 'succeeded',
        owner: tipOwner,
      });
      const entries = await provider.listBalanceTransactions();
      const charge = entries.find((e) => e.source === outcome.payment.chargeId);
      expect(charge).toMatchObject({ type: 'charge', amount: eur(6_000) });
      expect((charge?.net.amount ?? 0) + (charge?.fee.amount ?? 0)).toBe(6_000);
      expect(entries.find((e) => e.source === refund.refundId)).toMatchObject({ type: 'refund', amount: eur(-500), fee: eur(0) });
      // Every id once: the pages follow one another without overlap.
      expect(new Set(entries.map((e) => e.balanceTransactionId)).size).toBe(entries.length);
    });

    itWithControls(controls)(
      'lists a transfer with its reversals, and their balance transactions (emulator control)',
      async () => {
        const verification = required(target().verification, 'verification');
        const { provider } = target();
        const campaignId = uuidv7();
        const owner: ElanOwner = { service: 'payout', entity: 'statement', id: campaignId };
        const account = await provider.createConnectedAccount({
          owner,
          idempotencyKey: idempotencyKey('campaign', campaignId, 'create-account'),
          email: `holder-${campaignId}@example.org`,
          country: target().connectedAccountCountry,
        });
        await verification.verify(account.accountId);
        const pledge = aPledge();
        const paid = await provider.payNow({
          owner: pledge.owner,
          idempotencyKey: pledge.key('pay'),
          amount: eur(4_000),
          paymentMethodId: 'pm_card_visa',
        });
        if (paid.kind !== 'succeeded' || !paid.payment.chargeId) throw new Error('pm_card_visa did not succeed');
        const outcome = await provider.transfer({
          owner,
          idempotencyKey: idempotencyKey('campaign', campaignId, 'transfer'),
          amount: eur(4_000),
          destinationAccountId: account.accountId,
          transferGroup: `campaign-${campaignId}`,
          sourceChargeId: paid.payment.chargeId,
        });
        if (outcome.kind !== 'transferred') throw new Error(`the transfer was refused: ${outcome.message}`);
        const reversal = await provider.reverseTransfer({
          owner,
          idempotencyKey: idempotencyKey('campaign', campaignId, 'reverse'),
          transferId: outcome.transfer.transferId,
          amount: eur(1_000),
        });
        expect((await provider.listTransfers()).find((t) => t.transferId === outcome.transfer.transferId)).toEqual({
          transferId: outcome.transfer.transferId,
          amount: eur(4_000),
          amountReversed: eur(1_000),
          transferGroup: `campaign-${campaignId}`,
          destinationAccountId: account.accountId,
          reversals: [{ reversalId: reversal.reversalId, amount: eur(1_000) }],
          owner,
        });
        const entries = await provider.listBalanceTransactions();
        expect(entries.find((e) => e.source === outcome.transfer.transferId)).toMatchObject({
          type: 'transfer',
          amount: eur(-4_000),
        });
        expect(entries.find((e) => e.source === reversal.reversalId)).toMatchObject({
          type: 'transfer_refund',
          amount: eur(1_000),
        });
      },
    );
  });
