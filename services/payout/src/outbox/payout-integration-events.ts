import { payoutAccountOpened, payoutAccountStatusChanged } from '@elan/contracts';
import type { RecordedEvent } from '@elan/event-store';
import type { IntegrationMapping } from '@elan/messaging';
import type { PayoutAccountEvent } from '../payout-account';

/**
 * What of the payout log others learn (libs/contracts/src/payout): an account opened, and each
 * move between pending, verified and restricted. The Stripe account's disabled reason stays inside.
 */
export const toIntegrationEvent = (recorded: RecordedEvent): IntegrationMapping => {
  const event = { type: recorded.type, data: recorded.data } as PayoutAccountEvent;
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
    default:
      return null;
  }
};
