import { RECEIPT_STATEMENT } from '@elan/contracts';
import { eur, IllegalStateError } from '@elan/domain-kernel';
import * as F from '../pledge/pledge.fixtures';
import { paymentFactsOf, receiptOf } from './receipts';

const CAMPAIGN = { campaignId: F.CAMPAIGN_ID, title: 'Un four à pain' };
const CONTRIBUTOR = { name: 'Camille', email: 'camille@example.org' };
const HEAD = { streamId: `pledge-${F.PLEDGE_ID}`, position: 3, hash: 'c'.repeat(64) };

describe('the payment facts of a pledge, from its log', () => {
  it('are paid at the commitment of a keep-it-all pledge, for the pledge and the tip charged', () => {
    expect(paymentFactsOf(F.aKeepItAllCommittedPledge())).toEqual({
      paid: {
        campaignId: F.CAMPAIGN_ID,
        paymentIntentId: F.PAYMENT_INTENT_ID,
        amount: F.AMOUNT,
        tip: F.TIP.amount,
        paidAt: F.iso(F.NOW),
      },
    });
  });

  it('are not paid for a committed all-or-nothing pledge, and paid once it is collected', () => {
    expect(paymentFactsOf(F.aCommittedAllOrNothing())).toEqual({});
    expect(paymentFactsOf(F.aCollectedPledge())).toEqual({
      paid: {
        campaignId: F.CAMPAIGN_ID,
        paymentIntentId: F.PAYMENT_INTENT_ID,
        amount: F.AMOUNT,
        tip: F.TIP.amount,
        paidAt: F.iso(F.AFTER_DEADLINE),
      },
    });
  });

  it('name the PaymentIntent that collected at last, after a declined collection and an updated card', () => {
    const recollected = [
      ...F.aDeclinedCollection(),
      F.cardUpdated(),
      F.collectionRequested(2),
      F.pledgeCollected(F.OTHER_PAYMENT_INTENT_ID),
    ];
    expect(paymentFactsOf(recollected).paid).toMatchObject({ paymentIntentId: F.OTHER_PAYMENT_INTENT_ID, amount: F.AMOUNT });
  });

  it('show the refund of a cancelled keep-it-all pledge and of a refunded collected one', () => {
    const cancelledAt = F.shifted(F.iso(F.NOW), 60_000);
    expect(paymentFactsOf([...F.aKeepItAllCommittedPledge(), F.pledgeCancelled(true, cancelledAt)]).refund).toEqual({
      refundedAt: F.iso(cancelledAt),
      pledge: F.AMOUNT,
      tip: F.TIP.amount,
    });
    const refundedAt = F.shifted(F.iso(F.AFTER_DEADLINE), 60_000);
    expect(paymentFactsOf([...F.aCollectedPledge(), F.pledgeRefunded(F.ADMIN_ID, refundedAt)]).refund).toMatchObject({
      refundedAt: F.iso(refundedAt),
    });
  });

  it('have no payment for pledges whose money never counted, nor any refund where nothing was charged', () => {
    expect(paymentFactsOf([...F.aKeepItAllAwaitingPayment(), F.latePledgeRefused(F.AFTER_DEADLINE)])).toEqual({});
    expect(paymentFactsOf([...F.aCommittedAllOrNothing(), F.pledgeReleased()])).toEqual({});
  });
});

describe('a receipt', () => {
  it('puts the pledge and the tip on lines of their own, totals them, and states where the money goes', () => {
    const receipt = receiptOf({
      pledgeId: F.PLEDGE_ID,
      fundingModel: 'keep_it_all',
      campaign: CAMPAIGN,
      contributor: CONTRIBUTOR,
      facts: paymentFactsOf(F.aKeepItAllCommittedPledge()),
      head: HEAD,
    });

    expect(receipt).toEqual({
      receiptNumber: F.PLEDGE_ID,
      pledgeId: F.PLEDGE_ID,
      campaign: CAMPAIGN,
      fundingModel: 'keep_it_all',
      lines: [
        { kind: 'pledge', description: 'Pledge to “Un four à pain”', amount: eur(2_500) },
        { kind: 'tip', description: 'Voluntary tip to the Élan platform', amount: eur(300) },
      ],
      total: eur(2_800),
      paidAt: F.iso(F.NOW),
      contributor: CONTRIBUTOR,
      refund: null,
      statement: RECEIPT_STATEMENT,
      facts: HEAD,
    });
  });

  it('totals a refund', () => {
    const facts = paymentFactsOf([...F.aKeepItAllCommittedPledge(), F.pledgeCancelled(true)]);
    const receipt = receiptOf({
      pledgeId: F.PLEDGE_ID,
      fundingModel: 'keep_it_all',
      campaign: CAMPAIGN,
      contributor: CONTRIBUTOR,
      facts,
      head: HEAD,
    });

    expect(receipt.refund).toEqual({ refundedAt: F.iso(F.NOW), pledge: eur(2_500), tip: eur(300), total: eur(2_800) });
  });

  it('does not exist for a pledge never paid: a conflict naming the pledge', () => {
    const unpaid = () =>
      receiptOf({
        pledgeId: F.PLEDGE_ID,
        fundingModel: 'all_or_nothing',
        campaign: CAMPAIGN,
        contributor: CONTRIBUTOR,
        facts: {},
        head: HEAD,
      });

    expect(unpaid).toThrow(IllegalStateError);
    expect(unpaid).toThrow(expect.objectContaining({ details: expect.objectContaining({ reason: 'not_paid' }) }));
  });
});
