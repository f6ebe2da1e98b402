import type { Money } from '@elan/domain-kernel';
import type { ElanOwner } from './elan-metadata';
import type { PaymentStatus, RefundStatus } from './payment-types';

/**
 * What Stripe reports, object by object, for a reconciliation to compare with Élan's own account
 * (services/payout). Amounts stay integer minor units; balance entries are signed.
 */

/** A PaymentIntent as Stripe lists it: what it actually received, and where it says it belongs. */
export interface PaymentRecord {
  readonly paymentId: string;
  readonly status: PaymentStatus;
  /** Stripe's `amount_received`: 0 until it succeeded. */
  readonly amountReceived: Money;
  /** The charge behind it (`latest_charge`): the source of its balance transaction. */
  readonly chargeId: string | null;
  readonly transferGroup: string | null;
  readonly owner: ElanOwner | undefined;
}

export interface RefundRecord {
  readonly refundId: string;
  readonly paymentId: string | null;
  readonly amount: Money;
  readonly status: RefundStatus;
  /** Who asked for it: the pledge service (the pledge part) or the tipping service (the tip). */
  readonly owner: ElanOwner | undefined;
}

export interface TransferReversalRecord {
  readonly reversalId: string;
  readonly amount: Money;
}

export interface TransferRecord {
  readonly transferId: string;
  readonly amount: Money;
  /** Stripe's `amount_reversed`: what reversals took back. */
  readonly amountReversed: Money;
  readonly transferGroup: string | null;
  readonly destinationAccountId: string;
  /** The reversals Stripe lists on the transfer (their ids are the sources of balance entries). */
  readonly reversals: readonly TransferReversalRecord[];
  readonly owner: ElanOwner | undefined;
}

/** A movement of the platform's balance: `amount` = `net` + `fee`, signed. */
export interface BalanceTransactionRecord {
  readonly balanceTransactionId: string;
  readonly amount: Money;
  readonly fee: Money;
  readonly net: Money;
  /** The object that moved the money: a charge (`ch_`), refund (`re_`), transfer (`tr_`), reversal (`trr_`)… */
  readonly source: string | null;
  /** `charge`, `payment`, `refund`, `transfer`, `transfer_refund` (a reversal), `payout`… as Stripe names it. */
  readonly type: string;
}

/** Everything Stripe lists, walked to the last page. */
export interface StripeRecords {
  readonly payments: readonly PaymentRecord[];
  readonly refunds: readonly RefundRecord[];
  readonly transfers: readonly TransferRecord[];
  readonly balanceTransactions: readonly BalanceTransactionRecord[];
}
