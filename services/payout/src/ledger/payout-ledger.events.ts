import type { Currency, DomainEvent, Money } from '@elan/domain-kernel';

/** An ISO 8601 instant in UTC. */
export type Instant = string;

export type FundingModel = 'all_or_nothing' | 'keep_it_all';

/** How a campaign ended, as the campaign service published it. */
export type CampaignOutcome = 'succeeded' | 'failed' | 'ended' | 'cancelled';

/** A number of pledges (or statements, or advances) and their sum, in integer minor units. */
export interface Tally {
  readonly count: number;
  readonly amount: Money;
}

/**
 * The campaign's money as the payout service knows it, one stream per campaign
 * (`payoutledger-<campaignId>`): facts copied from the campaign and pledge services' integration
 * events (exactly once, through the inbox), and the statements drawn on them. Pledge amounts only:
 * tips belong to the platform and never enter the ledger.
 */
export type CampaignRecorded = DomainEvent<
  'CampaignRecorded',
  {
    readonly campaignId: string;
    readonly holderId: string;
    readonly fundingModel: FundingModel;
    readonly currency: Currency;
    readonly launchedAt: Instant;
  }
>;

export type CampaignOutcomeRecorded = DomainEvent<
  'CampaignOutcomeRecorded',
  { readonly campaignId: string; readonly outcome: CampaignOutcome; readonly closedAt: Instant }
>;

/** A pledge charged: keep-it-all at commitment, all-or-nothing at collection. */
export type PledgeChargeRecorded = DomainEvent<
  'PledgeChargeRecorded',
  {
    readonly campaignId: string;
    readonly pledgeId: string;
    readonly amount: Money;
    readonly paymentIntentId: string;
    readonly chargedAt: Instant;
  }
>;

/** A charged pledge given back to its contributor (refunded, or cancelled with its campaign). */
export type PledgeRefundRecorded = DomainEvent<
  'PledgeRefundRecorded',
  {
    readonly campaignId: string;
    readonly pledgeId: string;
    readonly amount: Money;
    readonly reason: 'refunded' | 'cancelled';
    readonly refundedAt: Instant;
  }
>;

/**
 * ADR 0027: a refund that came after the money was stated (paid or about to be) to the holder.
 * The platform advanced it to the contributor; it is recovered from the next statements' net
 * due, or by a transfer reversal when no statement can come. One per refunded pledge: its id is
 * the pledge's.
 */
export type PlatformAdvanceRecorded = DomainEvent<
  'PlatformAdvanceRecorded',
  { readonly campaignId: string; readonly advanceId: string; readonly amount: Money; readonly recordedAt: Instant }
>;

/** The pledge service's CampaignCollectionClosed: what it collected and dropped. */
export type CollectionClosureRecorded = DomainEvent<
  'CollectionClosureRecorded',
  { readonly campaignId: string; readonly collected: Tally; readonly dropped: Tally; readonly closedAt: Instant }
>;

/** A statement drawn on the ledger: its net due is owed to the holder from now on. */
export type StatementRecorded = DomainEvent<
  'StatementRecorded',
  {
    readonly campaignId: string;
    readonly statementId: string;
    readonly sequence: number;
    readonly netDue: Money;
    /** Every refund netted so far, this statement included: the next statement shows them as already netted. */
    readonly refundsNetted: Tally;
    /** The PaymentIntents this statement is the first to cover. */
    readonly payments: readonly string[];
    readonly drawnAt: Instant;
  }
>;

/** An outstanding advance taken back from the holder's transfers (ADR 0027). */
export type AdvanceReversalRecorded = DomainEvent<
  'AdvanceReversalRecorded',
  {
    readonly campaignId: string;
    readonly reversalKey: string;
    readonly amount: Money;
    readonly transferId: string;
    readonly reversalId: string;
    readonly reversedAt: Instant;
  }
>;

export type PayoutLedgerEvent =
  | CampaignRecorded
  | CampaignOutcomeRecorded
  | PledgeChargeRecorded
  | PledgeRefundRecorded
  | PlatformAdvanceRecorded
  | CollectionClosureRecorded
  | StatementRecorded
  | AdvanceReversalRecorded;

/** One stream per campaign. */
export const payoutLedgerStream = (campaignId: string): string => `payoutledger-${campaignId}`;
