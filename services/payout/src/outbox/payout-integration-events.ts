import { payoutAccountOpened, payoutAccountStatusChanged, statementPaid } from '@elan/contracts';
import type { RecordedEvent } from '@elan/event-store';
import type { IntegrationMapping } from '@elan/messaging';
import type { PayoutAccountEvent } from '../payout-account';
import type { StatementEvent } from '../statement';

/**
 * What of the payout log others learn (libs/contracts/src/payout): an account opened, each move
 * between pending, verified and restricted, and each statement paid. The Stripe account's disabled
 * reason, the ledgers and the transfer attempts stay inside.
 */
export const toIntegrationEvent = (recorded: RecordedEvent): IntegrationMapping => {
  const event = { type: recorded.type, data: recorded.data } as PayoutAccountEvent | StatementEvent;
  switch (event.type) {
    case 'PayoutAccountOpened': {
      const { holderId, stripeAccountId, openedAt } = event.data;
      return { contract: payoutAccountOpened, payload: { holderId, stripeAccountId, openedAt } };
    }
    case 'PayoutAccountPending':
    case 'PayoutAccountVerified':
    case 'PayoutAccountRestricted': {
      const { holderId, stripeAccountId, status, requirements, canReceiveTransfers, stripeUpdatedAt } = event.data;
      return {
        contract: payoutAccountStatusChanged,
        payload: { holderId, stripeAccountId, status, requirements, canReceiveTransfers, stripeUpdatedAt },
      };
    }
    case 'StatementPaid': {
      const { statementId, campaignId, holderId, amount, transferId, paidAt } = event.data;
      // Statements paid before the event carried its campaign and holder are not announced.
      if (campaignId === undefined || holderId === undefined) return null;
      return { contract: statementPaid, payload: { statementId, campaignId, holderId, amount, transferId, paidAt } };
    }
    default:
      return null;
  }
};
