import type { DomainEvent, Money } from '@elan/domain-kernel';
import type { FundingModel, Instant, Tally } from '../ledger';

/** What drew a statement. */
export type StatementTrigger = 'collection_closed' | 'schedule' | 'holder_request';

/**
 * A statement's lines, all in integer minor units of the campaign's currency. Net due is
 * collected − refunded − previously stated + advances reversed, never negative. Processing fees are
 * the platform's: shown, never deducted. Tips are the platform's too and never appear.
 */
export interface StatementLines {
  /** Every pledge charged for the campaign so far (tips excluded). */
  readonly pledgesCollected: Tally;
  /** Every charged pledge given back so far. */
  readonly pledgesRefunded: Tally;
  /** Of those, the refunds earlier statements netted already. */
  readonly refundsAlreadyNetted: Tally;
  /** The earlier statements of the campaign and what they stated. */
  readonly previouslyStated: Tally;
  /** Refunds made after earlier statements, which the platform advanced (ADR 0027). */
  readonly platformAdvances: Tally;
  /** Advances taken back by transfer reversals. */
  readonly advancesReversed: Tally;
  readonly netDue: Money;
}

/** Where the statement stands in the payout ledger: the last fact it covers, for a verifier (ADR 0025). */
export interface LedgerCoverage {
  readonly streamId: string;
  readonly position: number;
  /** The hash of that event's link, hex. */
  readonly hash: string;
}

export type StatementDrawn = DomainEvent<
  'StatementDrawn',
  {
    readonly statementId: string;
    readonly campaignId: string;
    readonly holderId: string;
    readonly fundingModel: FundingModel;
    readonly sequence: number;
    readonly trigger: StatementTrigger;
    readonly lines: StatementLines;
    /** The PaymentIntents this statement is the first to cover: their processing fees are shown. */
    readonly payments: readonly string[];
    readonly covers: LedgerCoverage;
    /**
     * The ledger's StatementRecorded that drew it (position and link hash): the fact the statement
     * reports, for a verifier to find in a signed checkpoint (ADR 0025). Statements drawn before
     * statements named their facts have none.
     */
    readonly facts?: LedgerCoverage;
    readonly drawnAt: Instant;
  }
>;

/** The processing fees Stripe took on the payments first covered, borne by the platform. */
export type StatementFeesRecorded = DomainEvent<
  'StatementFeesRecorded',
  { readonly statementId: string; readonly processingFees: Money; readonly recordedAt: Instant }
>;

/** The holder's payout account cannot receive the transfer: the statement waits, and says why. */
export type StatementAwaitingAccount = DomainEvent<
  'StatementAwaitingAccount',
  { readonly statementId: string; readonly reason: string; readonly requirements: readonly string[]; readonly since: Instant }
>;

/** The transfer is asked of Stripe, attempt `attempt`: its idempotency key is `payout:<statementId>:transfer:<attempt>`. */
export type StatementTransferRequested = DomainEvent<
  'StatementTransferRequested',
  {
    readonly statementId: string;
    readonly attempt: number;
    readonly amount: Money;
    readonly destinationAccountId: string;
    readonly transferGroup: string;
    readonly requestedAt: Instant;
  }
>;

/**
 * The transfer was made. The campaign and the holder are repeated from the drawing so the outbox can
 * tell others (the `StatementPaid` integration event) from this event alone; events recorded before
 * they were carried lack them and are not published.
 */
export type StatementPaid = DomainEvent<
  'StatementPaid',
  {
    readonly statementId: string;
    readonly campaignId?: string;
    readonly holderId?: string;
    readonly transferId: string;
    readonly amount: Money;
    readonly paidAt: Instant;
  }
>;

/**
 * The transfer did not happen (`refused`: Stripe said no, the next attempt takes a new key) or
 * its outcome is unknown (`unknown`: Stripe unreachable; the next attempt uses the same key, so
 * Stripe answers the transfer it may have made).
 */
export type StatementTransferFailed = DomainEvent<
  'StatementTransferFailed',
  {
    readonly statementId: string;
    readonly attempt: number;
    readonly outcome: 'refused' | 'unknown';
    readonly code: string;
    readonly reason: string;
    readonly failedAt: Instant;
    readonly retryAt: Instant;
  }
>;

export type StatementEvent =
  | StatementDrawn
  | StatementFeesRecorded
  | StatementAwaitingAccount
  | StatementTransferRequested
  | StatementPaid
  | StatementTransferFailed;

/** One stream per statement. */
export const statementStream = (statementId: string): string => `payout-${statementId}`;

/** The Connect transfer group of a campaign: the pledge service puts the same on its PaymentIntents. */
export const transferGroupOf = (campaignId: string): string => `campaign-${campaignId}`;
