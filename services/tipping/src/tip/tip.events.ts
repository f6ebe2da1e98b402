import type { DomainEvent, Money } from '@elan/domain-kernel';

/** An ISO 8601 instant in UTC, as every event stores time. */
export type Instant = string;

/**
 * What happened to a tip (stream `tip-<tipId>`). A tip is the contributor's voluntary gift to the
 * platform, chosen with one pledge and paid in the same card confirmation, but a fact of its own:
 * no event here carries a name, an e-mail or a message, only opaque ids and amounts.
 */

/**
 * The contributor chose a tip with their pledge; `amount` may be 0 (an explicit "no tip", kept so
 * the ledger knows how many contributors chose not to tip). Nothing is charged yet.
 */
export type TipOffered = DomainEvent<
  'TipOffered',
  {
    readonly tipId: string;
    readonly pledgeId: string;
    readonly campaignId: string;
    /** The contributor's opaque reference (account id or guest reference), never a name or e-mail. */
    readonly contributorRef: string;
    readonly amount: Money;
    /** The pledge's amount when the tip was chosen, so the tip's share of it can be shown. */
    readonly pledgeAmount: Money;
    readonly offeredAt: Instant;
  }
>;

/** The pledge's payment that covers the tip succeeded (keep-it-all) or was collected (all-or-nothing). */
export type TipPaid = DomainEvent<
  'TipPaid',
  {
    readonly tipId: string;
    readonly pledgeId: string;
    /** The payment that carried pledge and tip together (the provider's PaymentIntent id). */
    readonly paymentId: string;
    readonly amount: Money;
    readonly paidAt: Instant;
  }
>;

/** Who had a tip refunded on its own. */
export type TipRefundRequester = 'contributor' | 'admin';

/** The tip alone was refunded; its pledge stays paid and still counts for the campaign. */
export type TipRefunded = DomainEvent<
  'TipRefunded',
  {
    readonly tipId: string;
    readonly pledgeId: string;
    readonly amount: Money;
    /** The account (or guest reference) that asked. */
    readonly refundedBy: string;
    readonly requestedAs: TipRefundRequester;
    readonly refundedAt: Instant;
  }
>;

/** The tip's pledge was refunded, and took its paid tip with it. */
export type TipRefundedWithPledge = DomainEvent<
  'TipRefundedWithPledge',
  { readonly tipId: string; readonly pledgeId: string; readonly amount: Money; readonly refundedAt: Instant }
>;

/** The tip's pledge was released or cancelled before payment: nothing was charged and nothing will be. */
export type TipReleased = DomainEvent<
  'TipReleased',
  { readonly tipId: string; readonly pledgeId: string; readonly releasedAt: Instant }
>;

export type TipEvent = TipOffered | TipPaid | TipRefunded | TipRefundedWithPledge | TipReleased;

/** Stable type strings of the tip's events, as stored; never derived from class names. */
export const TIP_EVENT_TYPES: readonly TipEvent['type'][] = [
  'TipOffered',
  'TipPaid',
  'TipRefunded',
  'TipRefundedWithPledge',
  'TipReleased',
];

/** The tip's stream name in the event store. */
export const tipStream = (tipId: string): string => `tip-${tipId}`;
