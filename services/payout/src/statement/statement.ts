import {
  IllegalStateError,
  NotFoundError,
  type Command,
  type CommandMetadata,
  type Decider,
  type Money,
} from '@elan/domain-kernel';
import type { Instant } from '../ledger';
import type { StatementDrawn, StatementEvent, StatementTransferFailed, StatementTransferRequested } from './statement.events';

interface TimedMetadata extends CommandMetadata {
  readonly now: Date;
}
type TimedCommand<Type extends string, Data> = Command<Type, Data> & { readonly metadata: TimedMetadata };

export type DrawStatement = TimedCommand<'DrawStatement', Omit<StatementDrawn['data'], 'drawnAt'>>;
export type RecordFees = TimedCommand<'RecordFees', { statementId: string; processingFees: Money }>;
export type WaitForAccount = TimedCommand<
  'WaitForAccount',
  { statementId: string; reason: string; requirements: readonly string[] }
>;
export type RequestTransfer = TimedCommand<
  'RequestTransfer',
  { statementId: string; destinationAccountId: string; transferGroup: string }
>;
export type RecordTransfer = TimedCommand<'RecordTransfer', { statementId: string; transferId: string }>;
export type RecordTransferFailure = TimedCommand<
  'RecordTransferFailure',
  { statementId: string; outcome: 'refused' | 'unknown'; code: string; reason: string; retryAt: Date }
>;

export type StatementCommand =
  | DrawStatement
  | RecordFees
  | WaitForAccount
  | RequestTransfer
  | RecordTransfer
  | RecordTransferFailure;

export type StatementStatus = 'drawn' | 'awaiting_account' | 'transfer_requested' | 'paid' | 'transfer_failed';

export interface DrawnStatement {
  readonly status: StatementStatus;
  readonly drawn: StatementDrawn['data'];
  readonly processingFees: Money | null;
  readonly waitingFor: { readonly reason: string; readonly requirements: readonly string[]; readonly since: Instant } | null;
  /** The attempt whose key the next Stripe call uses; 0 before the first. */
  readonly attempt: number;
  /** The holder's Stripe account the transfer requested goes to. */
  readonly destinationAccountId: string | null;
  readonly transferId: string | null;
  readonly paidAt: Instant | null;
  readonly failures: number;
  readonly lastFailure: StatementTransferFailed['data'] | null;
}

export type StatementState = { readonly status: 'none' } | DrawnStatement;

export const initialStatement = (): StatementState => ({ status: 'none' });

const timeOf = (metadata: TimedMetadata): Instant => {
  const now = metadata.now as Date | undefined;
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError('statement commands need metadata.now, a valid Date');
  return now.toISOString();
};

const drawnOf = (state: StatementState, statementId: string): DrawnStatement => {
  if (state.status === 'none') throw new NotFoundError(`statement ${statementId} was never drawn`, { statementId });
  return state;
};

const refuse = (state: DrawnStatement, action: string): never => {
  throw new IllegalStateError(`a statement ${state.status} cannot ${action}`, {
    status: state.status,
    statementId: state.drawn.statementId,
  });
};

/** Waiting, or failed, or just drawn: the statement may go (again) to Stripe. */
const READY = ['drawn', 'awaiting_account', 'transfer_failed'];

export const decideStatement = (command: StatementCommand, state: StatementState): StatementEvent | StatementEvent[] => {
  switch (command.type) {
    case 'DrawStatement': {
      if (state.status !== 'none') return [];
      if (command.data.lines.netDue.amount <= 0)
        throw new IllegalStateError('a statement with nothing due is not drawn', { reason: 'nothing_due' });
      return { type: 'StatementDrawn', data: { ...command.data, drawnAt: timeOf(command.metadata) } };
    }
    case 'RecordFees': {
      const current = drawnOf(state, command.data.statementId);
      if (current.processingFees !== null) return [];
      return { type: 'StatementFeesRecorded', data: { ...command.data, recordedAt: timeOf(command.metadata) } };
    }
    case 'WaitForAccount': {
      const current = drawnOf(state, command.data.statementId);
      if (!READY.includes(current.status)) return refuse(current, 'wait for an account');
      const { reason, requirements } = command.data;
      if (
        current.status === 'awaiting_account' &&
        current.waitingFor?.reason === reason &&
        current.waitingFor.requirements.join() === requirements.join()
      )
        return [];
      return { type: 'StatementAwaitingAccount', data: { ...command.data, since: timeOf(command.metadata) } };
    }
    case 'RequestTransfer': {
      const current = drawnOf(state, command.data.statementId);
      if (current.status === 'transfer_requested') return [];
      if (!READY.includes(current.status)) return refuse(current, 'request a transfer');
      // After an unknown outcome the same key again: Stripe answers the transfer it may have made.
      const attempt = current.lastFailure?.outcome === 'unknown' ? current.attempt : current.attempt + 1;
      const requested: StatementTransferRequested = {
        type: 'StatementTransferRequested',
        data: { ...command.data, attempt, amount: current.drawn.lines.netDue, requestedAt: timeOf(command.metadata) },
      };
      return requested;
    }
    case 'RecordTransfer': {
      const current = drawnOf(state, command.data.statementId);
      if (current.status === 'paid' && current.transferId === command.data.transferId) return [];
      if (current.status !== 'transfer_requested') return refuse(current, 'be paid');
      return {
        type: 'StatementPaid',
        data: {
          ...command.data,
          campaignId: current.drawn.campaignId,
          holderId: current.drawn.holderId,
          amount: current.drawn.lines.netDue,
          paidAt: timeOf(command.metadata),
        },
      };
    }
    case 'RecordTransferFailure': {
      const current = drawnOf(state, command.data.statementId);
      if (current.status !== 'transfer_requested') return refuse(current, 'fail a transfer');
      const { statementId, outcome, code, reason, retryAt } = command.data;
      return {
        type: 'StatementTransferFailed',
        data: {
          statementId,
          attempt: current.attempt,
          outcome,
          code,
          reason,
          failedAt: timeOf(command.metadata),
          retryAt: retryAt.toISOString(),
        },
      };
    }
  }
};

export const evolveStatement = (state: StatementState, event: StatementEvent): StatementState => {
  if (event.type === 'StatementDrawn')
    return {
      status: 'drawn',
      drawn: event.data,
      processingFees: null,
      waitingFor: null,
      attempt: 0,
      destinationAccountId: null,
      transferId: null,
      paidAt: null,
      failures: 0,
      lastFailure: null,
    };
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'StatementFeesRecorded':
      return { ...state, processingFees: event.data.processingFees };
    case 'StatementAwaitingAccount': {
      const { reason, requirements, since } = event.data;
      return { ...state, status: 'awaiting_account', waitingFor: { reason, requirements, since } };
    }
    case 'StatementTransferRequested':
      return {
        ...state,
        status: 'transfer_requested',
        attempt: event.data.attempt,
        destinationAccountId: event.data.destinationAccountId,
        waitingFor: null,
      };
    case 'StatementPaid':
      return { ...state, status: 'paid', transferId: event.data.transferId, paidAt: event.data.paidAt };
    case 'StatementTransferFailed':
      return { ...state, status: 'transfer_failed', failures: state.failures + 1, lastFailure: event.data };
    default:
      return state;
  }
};

export const statementDecider: Decider<StatementCommand, StatementEvent, StatementState> = {
  decide: decideStatement,
  evolve: evolveStatement,
  initialState: initialStatement,
};
