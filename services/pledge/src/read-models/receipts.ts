import { RECEIPT_STATEMENT, type PledgeReceipt } from '@elan/contracts';
import { add, IllegalStateError, type Money } from '@elan/domain-kernel';
import type { PledgeEvent } from '../pledge';

/** What the pledge's log says about its money: when it was paid, and whether it was given back. */
export interface PaymentFacts {
  readonly paid?: {
    readonly campaignId: string;
    /** The PaymentIntent that charged pledge + tip together. */
    readonly paymentIntentId: string;
    readonly amount: Money;
    readonly tip: Money;
    readonly paidAt: string;
  };
  readonly refund?: { readonly refundedAt: string; readonly pledge: Money; readonly tip: Money };
}

/**
 * Folds the pledge's events into its payment facts. Paid: a keep-it-all commitment that charged
 * the card, or an all-or-nothing collection — each event carrying the amounts actually charged
 * (an all-or-nothing pledge may change before it is collected). Refunded: a refund or a
 * withdrawal that settled a charge. Money taken for a pledge that never counted (late, or after
 * abandonment) was never the pledge's payment: it has no receipt.
 */
export const paymentFactsOf = (events: readonly PledgeEvent[]): PaymentFacts =>
  events.reduce<PaymentFacts>((facts, event) => {
    switch (event.type) {
      case 'PledgeCommitted': {
        const { campaignId, intentId, amount, tip, committedAt, charged } = event.data;
        // A keep-it-all commitment's intent is the PaymentIntent that charged; otherwise only a card was saved.
        return charged
          ? { ...facts, paid: { campaignId, paymentIntentId: intentId, amount, tip: tip.amount, paidAt: committedAt } }
          : facts;
      }
      case 'PledgeCollected': {
        const { campaignId, paymentIntentId, amount, tip, collectedAt } = event.data;
        return { ...facts, paid: { campaignId, paymentIntentId, amount, tip: tip.amount, paidAt: collectedAt } };
      }
      case 'PledgeCancelled':
      case 'PledgeRefunded': {
        const { settlement } = event.data;
        if (!settlement.charged || !facts.paid) return facts;
        const refundedAt = event.type === 'PledgeCancelled' ? event.data.cancelledAt : event.data.refundedAt;
        return { ...facts, refund: { refundedAt, pledge: settlement.pledgeRefund, tip: settlement.tip.amount } };
      }
      default:
        return facts;
    }
  }, {});

type PaidFacts = PaymentFacts & { readonly paid: NonNullable<PaymentFacts['paid']> };

export interface ReceiptParts {
  readonly pledgeId: string;
  readonly fundingModel: PledgeReceipt['fundingModel'];
  readonly campaign: PledgeReceipt['campaign'];
  readonly contributor: PledgeReceipt['contributor'];
  readonly facts: PaymentFacts;
  /** The head of the pledge's stream the facts were folded from. */
  readonly head: PledgeReceipt['facts'];
}

/** A pledge without payment has no receipt: a conflict with its state, not an absence. */
export function assertPaid(pledgeId: string, facts: PaymentFacts): asserts facts is PaidFacts {
  if (!facts.paid)
    throw new IllegalStateError('this pledge was never paid: it has no receipt', {
      field: 'pledgeId',
      pledgeId,
      reason: 'not_paid',
    });
}

/**
 * The receipt: the pledge and the tip on lines of their own, the total, the refund if any, the
 * statement, and the stream position and hash of the facts it reports.
 */
export const receiptOf = ({ pledgeId, fundingModel, campaign, contributor, facts, head }: ReceiptParts): PledgeReceipt => {
  assertPaid(pledgeId, facts);
  const { paid, refund } = facts;
  return {
    receiptNumber: pledgeId,
    pledgeId,
    campaign,
    fundingModel,
    lines: [
      { kind: 'pledge', description: `Pledge to “${campaign.title}”`, amount: paid.amount },
      { kind: 'tip', description: 'Voluntary tip to the Élan platform', amount: paid.tip },
    ],
    total: add(paid.amount, paid.tip),
    paidAt: paid.paidAt,
    contributor,
    refund: refund ? { ...refund, total: add(refund.pledge, refund.tip) } : null,
    statement: { ...RECEIPT_STATEMENT },
    facts: { ...head },
  };
};
