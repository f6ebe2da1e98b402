import { abandonPledge, cancelPledge, confirmPayment, recordPaymentFailure, requestPayment } from './pledge-payment.decide';
import {
  dropPledge,
  recordCollection,
  recordCollectionDecline,
  releasePledge,
  requestCollection,
  updateCard,
} from './pledge-collection.decide';
import { changePledge, placePledge } from './pledge-placing.decide';
import { grantRefund, requestRefund } from './pledge-refund.decide';
import type { PledgeRules } from './pledge-rules';
import type { PledgeCommand } from './pledge.commands';
import type { PledgeEvent } from './pledge.events';
import type { PledgeState } from './pledge.state';

/**
 * Routes each command to its decision. Decisions return the events to record, none when the
 * command is already satisfied (a duplicate webhook, a retried scheduler run), and throw typed
 * errors: `NotFoundError`, `ForbiddenError`, `IllegalStateError` (not in this status, or past the
 * deadline), `ValidationError` (bad input, `details.field` naming it).
 */
export const decide = (command: PledgeCommand, state: PledgeState, rules: PledgeRules): PledgeEvent | readonly PledgeEvent[] => {
  switch (command.type) {
    case 'PlacePledge':
      return placePledge(command, state, rules);
    case 'RequestPayment':
      return requestPayment(command, state);
    case 'ConfirmPayment':
      return confirmPayment(command, state);
    case 'RecordPaymentFailure':
      return recordPaymentFailure(command, state);
    case 'AbandonPledge':
      return abandonPledge(command, state);
    case 'CancelPledge':
      return cancelPledge(command, state);
    case 'ChangePledge':
      return changePledge(command, state, rules);
    case 'RequestCollection':
      return requestCollection(command, state);
    case 'RecordCollection':
      return recordCollection(command, state);
    case 'RecordCollectionDecline':
      return recordCollectionDecline(command, state, rules);
    case 'UpdateCard':
      return updateCard(command, state);
    case 'DropPledge':
      return dropPledge(command, state);
    case 'ReleasePledge':
      return releasePledge(command, state);
    case 'RequestRefund':
      return requestRefund(command, state);
    case 'GrantRefund':
      return grantRefund(command, state);
    default:
      return unknownCommand(command);
  }
};

/** Unreachable for typed callers; guards against a command type added to the union but not routed. */
const unknownCommand = (command: never): never => {
  throw new TypeError(`unknown pledge command ${(command as { type?: unknown }).type as string}`);
};
