import type { Money } from '@elan/domain-kernel';
import type { StripeRecords } from '@elan/payments';
import type { PayoutLedgerState } from '../ledger';

/**
 * What the reconciler compares, as plain data: each money service's own account, this service's
 * ledgers and statements, and what Stripe reports. Gathering it is the job's (reconciliation-job.ts);
 * comparing it is pure (reconcile.ts).
 */

/** A stream's head as a service read it: the stream a mismatch points at. */
export interface StreamHead {
  readonly streamId: string;
  readonly position: number;
  readonly hash: string;
}

/** The pledge service's account of one paid pledge (tips excluded). */
export interface PledgeFact {
  readonly pledgeId: string;
  readonly campaignId: string;
  readonly paymentIntentId: string | null;
  readonly paid: Money | null;
  readonly refunded: Money | null;
  readonly stream: StreamHead;
}

/** The tipping service's account of one paid tip. */
export interface TipFact {
  readonly tipId: string;
  readonly pledgeId: string;
  readonly paymentIntentId: string | null;
  readonly paid: Money | null;
  readonly refunded: Money | null;
  readonly stream: StreamHead;
}

/** A store's hash-chain verification. */
export interface ChainReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly firstBrokenLink: {
    readonly streamId: string;
    readonly streamPosition: number;
    readonly globalPosition: number;
    readonly reason: string;
  } | null;
}

export type MoneyStore = 'pledge' | 'tipping' | 'payout';

/** A campaign's payout ledger, folded from `payoutledger-<campaignId>`. */
export interface CampaignLedger {
  readonly campaignId: string;
  readonly streamId: string;
  readonly state: PayoutLedgerState;
  /** The advance reversals it recorded, with Stripe's reversal ids (the folded state keeps only their amounts). */
  readonly reversals: readonly { readonly reversalId: string; readonly transferId: string; readonly amount: Money }[];
}

/** A statement as its own stream (`payout-<statementId>`) tells it. */
export interface StatementRecord {
  readonly statementId: string;
  readonly campaignId: string;
  readonly streamId: string;
  readonly netDue: Money;
  /** Paid by this transfer, for `netDue`; null while not paid. */
  readonly transferId: string | null;
}

/** The tipping service's public ledger, summed over its months: the tips still paid. */
export interface TipLedgerTotal {
  readonly total: Money;
  readonly tips: number;
}

export interface ReconciliationInput {
  readonly pledgeFacts: readonly PledgeFact[];
  readonly tipFacts: readonly TipFact[];
  readonly chains: Readonly<Record<MoneyStore, ChainReport>>;
  readonly ledgers: readonly CampaignLedger[];
  readonly statements: readonly StatementRecord[];
  /** One per currency the tipping ledger holds. */
  readonly tipLedger: readonly TipLedgerTotal[];
  readonly stripe: StripeRecords;
}

/**
 * What a mismatch is about. Each Stripe field is compared in one check only, always with Élan's
 * own account, never with another Stripe field, so one altered amount trips one check.
 */
export type MismatchKind =
  /** A store's hash chain is broken (pledge, tipping or payout). */
  | 'chain_broken'
  /** The payout ledger's pledges collected differ from the pledge service's. */
  | 'ledger_collected'
  /** The payout ledger's pledges refunded differ from the pledge service's. */
  | 'ledger_refunded'
  /** Collected − refunded ≠ transferred + awaiting transfer + still due (the statements disagree with the ledger). */
  | 'campaign_books'
  /** Stripe's transfers of the campaign's group, less reversals, ≠ the statements paid less advances reversed. */
  | 'campaign_transfers'
  /** Tips paid − refunded (tip facts) ≠ the tipping ledger's total. */
  | 'tips'
  /** A PaymentIntent's amount_received ≠ its pledge part + its tip part. */
  | 'payment_amount'
  /** A PaymentIntent's Stripe refunds ≠ its pledge refunded + its tip refunded. */
  | 'payment_refunds'
  /** A PaymentIntent's transfer_group is not its campaign's. */
  | 'payment_campaign'
  /** Stripe kept money (received − refunded) on a PaymentIntent no Élan service accounts for. */
  | 'unknown_payment'
  /** A balance transaction whose amount is not Élan's, whose net + fee ≠ amount, or whose source is unknown. */
  | 'balance_transaction';

export interface Mismatch {
  readonly kind: MismatchKind;
  /** Identifies the same mismatch across runs: it stays open until a run no longer finds it. */
  readonly key: string;
  readonly campaignId: string | null;
  readonly paymentIntentId: string | null;
  readonly streams: readonly string[];
  readonly stripeObjects: readonly string[];
  readonly expected: Money | null;
  readonly actual: Money | null;
  readonly detail: string;
}

/** One currency's figures, to the cent. */
export interface ReconciliationTotals {
  readonly currency: string;
  readonly pledgesCollected: number;
  readonly pledgesRefunded: number;
  readonly tipsCollected: number;
  readonly tipsRefunded: number;
  /** Transfers net of reversals, as Stripe reports them. */
  readonly transferred: number;
  /** Statements drawn, not paid yet. */
  readonly awaitingTransfer: number;
  /** What the ledgers owe the holders and no statement holds yet. */
  readonly stillDue: number;
  readonly outstandingAdvances: number;
  /** Stripe's fees on Élan's charges, borne by the platform. */
  readonly feesBorne: number;
}

export interface CampaignFigures {
  readonly campaignId: string;
  readonly currency: string;
  readonly collected: number;
  readonly refunded: number;
  readonly transferred: number;
  readonly awaitingTransfer: number;
  readonly stillDue: number;
  readonly outstandingAdvance: number;
  readonly feesBorne: number;
}

export interface ReconciliationChecked {
  readonly campaigns: number;
  readonly pledges: number;
  readonly tips: number;
  readonly payments: number;
  readonly refunds: number;
  readonly transfers: number;
  readonly balanceTransactions: number;
  readonly statements: number;
  readonly eventsVerified: number;
}

export interface ReconciliationOutcome {
  readonly ok: boolean;
  readonly checked: ReconciliationChecked;
  readonly totals: readonly ReconciliationTotals[];
  readonly campaigns: readonly CampaignFigures[];
  readonly mismatches: readonly Mismatch[];
}
