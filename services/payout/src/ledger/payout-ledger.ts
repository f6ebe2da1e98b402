import {
  IllegalStateError,
  ValidationError,
  money,
  type Command,
  type CommandMetadata,
  type Currency,
  type Decider,
  type Money,
} from '@elan/domain-kernel';
import type {
  CampaignOutcome,
  FundingModel,
  Instant,
  PayoutLedgerEvent,
  PlatformAdvanceRecorded,
  PledgeRefundRecorded,
  StatementRecorded,
  Tally,
} from './payout-ledger.events';

/** Every ledger command is decided at a time given by the caller. */
interface TimedMetadata extends CommandMetadata {
  readonly now: Date;
}
type TimedCommand<Type extends string, Data> = Command<Type, Data> & { readonly metadata: TimedMetadata };

export type RecordCampaign = TimedCommand<
  'RecordCampaign',
  { campaignId: string; holderId: string; fundingModel: FundingModel; currency: Currency }
>;
export type RecordOutcome = TimedCommand<'RecordOutcome', { campaignId: string; outcome: CampaignOutcome; closedAt: Instant }>;
export type RecordCharge = TimedCommand<
  'RecordCharge',
  { campaignId: string; pledgeId: string; amount: Money; paymentIntentId: string; chargedAt: Instant }
>;
export type RecordRefund = TimedCommand<
  'RecordRefund',
  { campaignId: string; pledgeId: string; amount: Money; reason: 'refunded' | 'cancelled'; refundedAt: Instant }
>;
export type RecordCollectionClosure = TimedCommand<
  'RecordCollectionClosure',
  { campaignId: string; collected: Tally; dropped: Tally; closedAt: Instant }
>;
/** Draws a statement on what is due now; refused when nothing is. */
export type RecordStatement = TimedCommand<'RecordStatement', { campaignId: string; statementId: string }>;
export type RecordAdvanceReversal = TimedCommand<
  'RecordAdvanceReversal',
  { campaignId: string; reversalKey: string; amount: Money; transferId: string; reversalId: string }
>;

export type PayoutLedgerCommand =
  | RecordCampaign
  | RecordOutcome
  | RecordCharge
  | RecordRefund
  | RecordCollectionClosure
  | RecordStatement
  | RecordAdvanceReversal;

export interface LedgerStatement {
  readonly statementId: string;
  readonly sequence: number;
  readonly netDue: number;
  readonly refundsNetted: Tally;
  readonly drawnAt: Instant;
}

export interface PayoutLedgerState {
  readonly campaignId: string | null;
  readonly holderId: string | null;
  readonly fundingModel: FundingModel | null;
  readonly currency: Currency | null;
  readonly outcome: CampaignOutcome | null;
  /** Charged pledges by id: amount (minor units) and PaymentIntent. */
  readonly charges: Readonly<Record<string, { readonly amount: number; readonly paymentIntentId: string }>>;
  readonly refunds: Readonly<Record<string, number>>;
  readonly advances: Readonly<Record<string, number>>;
  readonly reversals: Readonly<Record<string, { readonly amount: number; readonly transferId: string }>>;
  readonly collectionClosure: { readonly collected: Tally; readonly dropped: Tally } | null;
  readonly statements: readonly LedgerStatement[];
  /** PaymentIntents covered by a statement already. */
  readonly covered: readonly string[];
}

export const initialLedger = (): PayoutLedgerState => ({
  campaignId: null,
  holderId: null,
  fundingModel: null,
  currency: null,
  outcome: null,
  charges: {},
  refunds: {},
  advances: {},
  reversals: {},
  collectionClosure: null,
  statements: [],
  covered: [],
});

const total = (amounts: readonly number[]): number => amounts.reduce((sum, amount) => sum + amount, 0);

/** The arithmetic of a campaign's money, integer minor units only (ADR 0027). */
export interface LedgerBalance {
  readonly currency: Currency;
  readonly collected: Tally;
  readonly refunded: Tally;
  /** Statements drawn so far and their net due: owed to (or paid to) the holder. */
  readonly stated: Tally;
  /** Refunds the platform advanced after the money was stated. */
  readonly advanced: Tally;
  /** The refunds the earlier statements netted already. */
  readonly refundsAlreadyNetted: Tally;
  /** Advances taken back by transfer reversals. */
  readonly reversed: Tally;
  /** collected − refunded − stated + reversed: due to the holder when positive, advanced by the platform when negative. */
  readonly balance: Money;
  /** What a statement drawn now would pay: the balance, never negative. */
  readonly netDue: Money;
  /** What the platform has advanced and not recovered yet: the balance's opposite, never negative. */
  readonly outstandingAdvance: Money;
}

export const balanceOf = (state: PayoutLedgerState, fallback: Currency = 'EUR'): LedgerBalance => {
  const currency = state.currency ?? fallback;
  const m = (amount: number) => money(amount, currency);
  const tally = (amounts: readonly number[]): Tally => ({ count: amounts.length, amount: m(total(amounts)) });
  const collected = Object.values(state.charges).map((c) => c.amount);
  const refunded = Object.values(state.refunds);
  const stated = state.statements.map((s) => s.netDue);
  const reversed = Object.values(state.reversals).map((r) => r.amount);
  const balance = total(collected) - total(refunded) - total(stated) + total(reversed);
  return {
    currency,
    collected: tally(collected),
    refunded: tally(refunded),
    stated: tally(stated),
    advanced: tally(Object.values(state.advances)),
    refundsAlreadyNetted: state.statements.at(-1)?.refundsNetted ?? tally([]),
    reversed: tally(reversed),
    balance: m(balance),
    netDue: m(Math.max(0, balance)),
    outstandingAdvance: m(Math.max(0, -balance)),
  };
};

/**
 * Why no statement can be drawn now, or null when one can: the campaign unknown yet, an
 * all-or-nothing campaign whose collection is not over (or whose collected pledges have not all
 * reached the ledger yet: facts come from two consumers, in any order), or nothing due.
 */
export const whyNoStatement = (state: PayoutLedgerState): string | null => {
  if (state.holderId === null || state.fundingModel === null)
    return 'the campaign’s launch has not reached the payout service yet';
  if (state.fundingModel === 'all_or_nothing') {
    if (state.outcome !== 'succeeded') return 'an all-or-nothing campaign is paid out only once it succeeded';
    if (state.collectionClosure === null) return 'the pledges are still being collected';
    if (Object.keys(state.charges).length < state.collectionClosure.collected.count)
      return 'collected pledges are still on their way to the payout service';
  }
  if (balanceOf(state).netDue.amount <= 0) return 'nothing is due';
  return null;
};

const timeOf = (metadata: TimedMetadata): Instant => {
  const now = metadata.now as Date | undefined;
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError('ledger commands need metadata.now, a valid Date');
  return now.toISOString();
};

const positive = (value: Money, field: string, state: PayoutLedgerState): Money => {
  if (!Number.isSafeInteger(value.amount) || value.amount <= 0)
    throw new ValidationError(`${field} must be a positive integer of minor units`, { field });
  if (state.currency !== null && value.currency !== state.currency)
    throw new ValidationError(`${field} is in ${value.currency}, the campaign in ${state.currency}`, { field });
  return value;
};

const refund = (command: RecordRefund, state: PayoutLedgerState): PayoutLedgerEvent[] => {
  const { campaignId, pledgeId, amount, reason, refundedAt } = command.data;
  if (state.refunds[pledgeId] !== undefined) return [];
  positive(amount, 'amount', state);
  const refunded: PledgeRefundRecorded = {
    type: 'PledgeRefundRecorded',
    data: { campaignId, pledgeId, amount, reason, refundedAt },
  };
  const before = balanceOf(state, amount.currency).outstandingAdvance.amount;
  const after = balanceOf(evolveLedger(state, refunded), amount.currency).outstandingAdvance.amount;
  if (after <= before) return [refunded];
  const advance: PlatformAdvanceRecorded = {
    type: 'PlatformAdvanceRecorded',
    data: {
      campaignId,
      advanceId: pledgeId,
      amount: money(after - before, amount.currency),
      recordedAt: timeOf(command.metadata),
    },
  };
  return [refunded, advance];
};

const statement = (command: RecordStatement, state: PayoutLedgerState): StatementRecorded | [] => {
  const { campaignId, statementId } = command.data;
  if (state.statements.some((s) => s.statementId === statementId)) return [];
  const why = whyNoStatement(state);
  if (why !== null)
    throw new IllegalStateError(`no statement can be drawn for campaign ${campaignId}: ${why}`, { reason: 'nothing_due', why });
  const covered = new Set(state.covered);
  return {
    type: 'StatementRecorded',
    data: {
      campaignId,
      statementId,
      sequence: state.statements.length + 1,
      netDue: balanceOf(state).netDue,
      refundsNetted: balanceOf(state).refunded,
      payments: Object.values(state.charges)
        .map((c) => c.paymentIntentId)
        .filter((id) => !covered.has(id)),
      drawnAt: timeOf(command.metadata),
    },
  };
};

export const decideLedger = (command: PayoutLedgerCommand, state: PayoutLedgerState): PayoutLedgerEvent | PayoutLedgerEvent[] => {
  switch (command.type) {
    case 'RecordCampaign': {
      if (state.holderId !== null) return [];
      const { campaignId, holderId, fundingModel, currency } = command.data;
      return {
        type: 'CampaignRecorded',
        data: { campaignId, holderId, fundingModel, currency, launchedAt: timeOf(command.metadata) },
      };
    }
    case 'RecordOutcome':
      // The campaign service publishes one outcome; a redelivery, or any later word, changes nothing.
      return state.outcome !== null ? [] : { type: 'CampaignOutcomeRecorded', data: command.data };
    case 'RecordCharge': {
      if (state.charges[command.data.pledgeId] !== undefined) return [];
      positive(command.data.amount, 'amount', state);
      return { type: 'PledgeChargeRecorded', data: command.data };
    }
    case 'RecordRefund':
      return refund(command, state);
    case 'RecordCollectionClosure':
      return state.collectionClosure !== null ? [] : { type: 'CollectionClosureRecorded', data: command.data };
    case 'RecordStatement':
      return statement(command, state);
    case 'RecordAdvanceReversal': {
      const { reversalKey, amount } = command.data;
      if (state.reversals[reversalKey] !== undefined) return [];
      positive(amount, 'amount', state);
      return { type: 'AdvanceReversalRecorded', data: { ...command.data, reversedAt: timeOf(command.metadata) } };
    }
  }
};

export const evolveLedger = (state: PayoutLedgerState, event: PayoutLedgerEvent): PayoutLedgerState => {
  switch (event.type) {
    case 'CampaignRecorded': {
      const { campaignId, holderId, fundingModel, currency } = event.data;
      return { ...state, campaignId, holderId, fundingModel, currency };
    }
    case 'CampaignOutcomeRecorded':
      return { ...state, campaignId: event.data.campaignId, outcome: event.data.outcome };
    case 'PledgeChargeRecorded': {
      const { campaignId, pledgeId, amount, paymentIntentId } = event.data;
      return {
        ...state,
        campaignId,
        currency: state.currency ?? amount.currency,
        charges: { ...state.charges, [pledgeId]: { amount: amount.amount, paymentIntentId } },
      };
    }
    case 'PledgeRefundRecorded': {
      const { campaignId, pledgeId, amount } = event.data;
      return {
        ...state,
        campaignId,
        currency: state.currency ?? amount.currency,
        refunds: { ...state.refunds, [pledgeId]: amount.amount },
      };
    }
    case 'PlatformAdvanceRecorded':
      return { ...state, advances: { ...state.advances, [event.data.advanceId]: event.data.amount.amount } };
    case 'CollectionClosureRecorded':
      return {
        ...state,
        campaignId: event.data.campaignId,
        collectionClosure: { collected: event.data.collected, dropped: event.data.dropped },
      };
    case 'StatementRecorded': {
      const { statementId, sequence, netDue, refundsNetted, payments, drawnAt } = event.data;
      return {
        ...state,
        statements: [...state.statements, { statementId, sequence, netDue: netDue.amount, refundsNetted, drawnAt }],
        covered: [...state.covered, ...payments],
      };
    }
    case 'AdvanceReversalRecorded': {
      const { reversalKey, amount, transferId } = event.data;
      return { ...state, reversals: { ...state.reversals, [reversalKey]: { amount: amount.amount, transferId } } };
    }
    default:
      return state;
  }
};

export const payoutLedgerDecider: Decider<PayoutLedgerCommand, PayoutLedgerEvent, PayoutLedgerState> = {
  decide: decideLedger,
  evolve: evolveLedger,
  initialState: initialLedger,
};
