import type { PoolClient } from 'pg';
import type { ReplyOf } from '@elan/contracts';
import type { getPayoutAccount, startPayoutAccount } from '@elan/contracts';
import { IllegalStateError, ValidationError, type Clock } from '@elan/domain-kernel';
import { commandHandler, type CommandHandler, type EventMetadata, type PostgresEventStore } from '@elan/event-store';
import { idempotencyKey, type ConnectedAccount, type PaymentProvider } from '@elan/payments';
import {
  explainPayoutAccount,
  payoutAccountDecider,
  payoutAccountStream,
  type PayoutAccountCommand,
  type PayoutAccountEvent,
  type PayoutAccountState,
} from '../payout-account';

/** Where onboarding sends the holder back, and the country of the accounts created. */
export interface OnboardingSettings {
  readonly returnUrl: string;
  readonly refreshUrl: string;
  readonly country: string;
}

/** What Stripe's `account.updated` names: the holder (from Élan's metadata), the account and Stripe's time. */
export interface StripeAccountUpdate {
  readonly holderId: string;
  readonly stripeAccountId: string;
  /** The event's `created`, in ISO 8601. */
  readonly stripeUpdatedAt: string;
}

/** The owner Élan writes on a holder's connected account (`elan_service=payout`, `elan_holder_id`). */
export const holderOwner = (holderId: string) => ({ service: 'payout', entity: 'holder', id: holderId }) as const;

/** One key per holder: a retried start (a lost reply, a double click, a crash) never makes a second account. */
export const connectedAccountKey = (holderId: string) => idempotencyKey('payout', holderId, 'connected-account');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The payout accounts, one stream per holder (`payoutaccount-<holderId>`): every change goes
 * through the one command handler over the decider, and the Stripe calls through the payment port.
 */
export class PayoutAccounts {
  private readonly handler: CommandHandler<PayoutAccountCommand, PayoutAccountEvent, PayoutAccountState>;

  constructor(
    store: PostgresEventStore,
    private readonly payments: PaymentProvider | undefined,
    private readonly clock: Clock,
    private readonly onboarding: OnboardingSettings,
  ) {
    this.handler = commandHandler(store, payoutAccountDecider, { streamOf: payoutAccountStream });
  }

  /**
   * Creates the holder's Express account the first time (Stripe answers the same account to the
   * same key), records it, then asks Stripe for a fresh onboarding link, which is never stored.
   */
  async start(holderId: string, email: string, metadata: EventMetadata = {}): Promise<ReplyOf<typeof startPayoutAccount>> {
    const payments = this.requirePayments();
    let { state } = await this.handler.load(holderId);
    let opened = false;
    if (state.status === 'none') {
      const account = await payments.createConnectedAccount({
        owner: holderOwner(holderId),
        idempotencyKey: connectedAccountKey(holderId),
        email,
        country: this.onboarding.country,
      });
      const result = await this.handler.handle(holderId, this.openCommand(holderId, account), { ...metadata, actor: holderId });
      ({ state } = result);
      opened = result.newEvents.length > 0;
    }
    if (state.status === 'none') throw new IllegalStateError(`the payout account of ${holderId} was not recorded`);
    const link = await payments.createOnboardingLink({
      accountId: state.stripeAccountId,
      returnUrl: this.onboarding.returnUrl,
      refreshUrl: this.onboarding.refreshUrl,
    });
    return {
      opened,
      status: state.status,
      requirements: [...state.requirements],
      onboardingUrl: link.url,
      expiresAt: link.expiresAt.toISOString(),
    };
  }

  async get(holderId: string): Promise<ReplyOf<typeof getPayoutAccount>> {
    const { state } = await this.handler.load(holderId);
    const explanation = explainPayoutAccount(state);
    if (state.status === 'none')
      return { status: 'none', requirements: [], disabledReason: null, canReceiveTransfers: false, explanation };
    return {
      status: state.status,
      requirements: [...state.requirements],
      disabledReason: state.disabledReason,
      canReceiveTransfers: state.canReceiveTransfers,
      explanation,
    };
  }

  /**
   * Records what Stripe says of the account now. The event only signals a change: the account is
   * read back from Stripe through the port, which alone knows whether onboarding was submitted (a
   * new account and a restricted one both carry a `disabled_reason`), and tagged with the event's
   * time, so an older event arriving later changes nothing. An account updated before its opening
   * was recorded (a start whose reply was lost) is opened here from its own metadata.
   */
  async recordStripeUpdate(update: StripeAccountUpdate, client?: PoolClient): Promise<readonly PayoutAccountEvent[]> {
    const { holderId, stripeAccountId, stripeUpdatedAt } = update;
    if (!UUID.test(holderId)) throw new ValidationError(`elan_holder_id ${holderId} is not an account id`, { field: 'holderId' });
    const account = await this.requirePayments().retrieveConnectedAccount(stripeAccountId);
    const owner = account.owner;
    if (owner?.service !== 'payout' || owner.entity !== 'holder' || owner.id !== holderId)
      throw new ValidationError(`Stripe account ${stripeAccountId} does not belong to holder ${holderId}`, {
        field: 'stripeAccountId',
      });
    const now = this.clock.now();
    const result = await this.handler.handleAll(
      holderId,
      (state) => [
        ...(state.status === 'none' ? [{ command: this.openCommand(holderId, account) }] : []),
        {
          command: {
            type: 'RecordAccountUpdate',
            data: {
              holderId,
              stripeAccountId,
              stripeUpdatedAt,
              status: account.state,
              requirements: [...account.requirements.currentlyDue],
              disabledReason: account.requirements.disabledReason,
              canReceiveTransfers: account.canReceiveTransfers,
            },
            metadata: { now },
          },
        },
      ],
      client,
    );
    return result.newEvents;
  }

  private openCommand(holderId: string, account: ConnectedAccount): PayoutAccountCommand {
    return {
      type: 'OpenPayoutAccount',
      data: {
        holderId,
        stripeAccountId: account.accountId,
        requirements: [...account.requirements.currentlyDue],
        disabledReason: account.requirements.disabledReason,
      },
      metadata: { now: this.clock.now() },
    };
  }

  private requirePayments(): PaymentProvider {
    if (!this.payments)
      throw new IllegalStateError('payments are not configured on this platform: no payout account can be started', {
        reason: 'payments_unavailable',
      });
    return this.payments;
  }
}
