import type { Command, CommandMetadata } from '@elan/domain-kernel';
import type { Instant, VerificationFacts } from './payout-account.events';

/** Every payout account command is decided at a time given by the caller, never read from the machine. */
export interface TimedMetadata extends CommandMetadata {
  readonly now: Date;
}

type TimedCommand<Type extends string, Data> = Command<Type, Data> & { readonly metadata: TimedMetadata };

/**
 * Records the holder's Stripe Express account, once: the same account again changes nothing, another
 * one is refused (one payout account per holder). Carries what Stripe answered at creation, so the
 * holder sees what onboarding asks before any webhook arrives.
 */
export type OpenPayoutAccount = TimedCommand<
  'OpenPayoutAccount',
  {
    readonly holderId: string;
    readonly stripeAccountId: string;
    readonly requirements: readonly string[];
    readonly disabledReason: string | null;
  }
>;

/**
 * What Stripe's `account.updated` says of the account, at Stripe's time (`stripeUpdatedAt`, the
 * event's `created`). Webhooks arrive in no particular order: an update older than the last one
 * applied changes nothing.
 */
export type RecordAccountUpdate = TimedCommand<
  'RecordAccountUpdate',
  VerificationFacts & {
    readonly holderId: string;
    readonly stripeAccountId: string;
    readonly stripeUpdatedAt: Instant;
  }
>;

export type PayoutAccountCommand = OpenPayoutAccount | RecordAccountUpdate;
