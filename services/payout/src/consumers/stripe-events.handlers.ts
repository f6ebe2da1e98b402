import { Logger } from '@nestjs/common';
import { stripeEventReceived, type StripeEventReceivedPayload } from '@elan/contracts';
import { ConcurrencyError, DomainError } from '@elan/domain-kernel';
import { on, type IntegrationEventHandler } from '@elan/messaging';
import type { PayoutAccounts, StripeAccountUpdate } from '../app/payout-accounts';
import type { PayoutStatements } from '../app/payout-statements';
import type { PayoutAccountEvent } from '../payout-account';

const logger = new Logger('PayoutStripeEvents');

/** The durable consumer of the gateway's Stripe events, as `nats-peers.ts` grants it. */
export const PAYOUT_STRIPE_CONSUMER = 'payout-stripe';

/**
 * The account update a Stripe event means for a holder, if any: an `account.updated` routed to
 * payout, about an account whose Élan metadata names its holder. Anything else is not ours.
 */
export const accountUpdateOf = (event: StripeEventReceivedPayload): StripeAccountUpdate | undefined => {
  if (event.routedTo !== 'payout' || event.type !== 'account.updated') return undefined;
  const holderId = event.object.metadata.elan_holder_id;
  const stripeAccountId = event.object.id ?? event.account;
  if (!holderId || !stripeAccountId?.startsWith('acct_')) return undefined;
  return { holderId, stripeAccountId, stripeUpdatedAt: event.created };
};

/** Whether the events recorded of an update say the account can now receive transfers. */
export const nowReceivesTransfers = (events: readonly PayoutAccountEvent[]): boolean =>
  events.some((event) => event.type !== 'PayoutAccountOpened' && event.data.canReceiveTransfers);

/**
 * The payout service's side of Stripe's webhooks (ADR 0021, ADR 0026): the gateway verified and
 * recorded each event once and routed Connect account events here. Each update is recorded on the
 * holder's stream in the inbox's transaction; duplicates and stale updates are no-ops there. An
 * update that lets the account receive transfers wakes the holder's statements waiting for it, in
 * the same transaction, so they are paid at the worker's next pass, not at their recheck.
 */
export const stripeEventHandlers = (accounts: PayoutAccounts, statements: PayoutStatements): IntegrationEventHandler[] => [
  on(stripeEventReceived, async (event, { client }) => {
    const update = accountUpdateOf(event);
    if (!update) {
      if (event.routedTo === 'payout' && event.type === 'account.updated')
        logger.warn(`Stripe event ${event.stripeEventId} names no Élan holder: ignored`);
      return;
    }
    try {
      const recorded = await accounts.recordStripeUpdate(update, client);
      if (nowReceivesTransfers(recorded)) await statements.wakeAwaitingAccount(update.holderId, client);
    } catch (error) {
      // An account that is not a holder's (metadata edited by hand, another holder's id) stays in
      // the gateway's log; retrying would not make it fit. Stripe or the database down: retried.
      if (!(error instanceof DomainError) || error instanceof ConcurrencyError) throw error;
      logger.warn(`Stripe event ${event.stripeEventId} ignored for holder ${update.holderId}: ${error.message}`);
    }
  }),
];
