import type { DomainEvent } from '@elan/domain-kernel';

/** An ISO 8601 instant in UTC. */
export type Instant = string;

/** Where an opened account stands (ADR 0026). */
export type VerificationStatus = 'pending' | 'verified' | 'restricted';

/** What Stripe reported of an account's verification, in Élan's words. */
export interface VerificationFacts {
  /** `pending`: onboarding not finished or Stripe still checking; `verified`: can receive transfers; `restricted`: Stripe needs more. */
  readonly status: VerificationStatus;
  /** Stripe's `requirements.currently_due`: what the holder must still provide. */
  readonly requirements: readonly string[];
  /** Stripe's `requirements.disabled_reason`, or null. */
  readonly disabledReason: string | null;
  /** The `transfers` capability is active: a transfer to the account would be accepted. */
  readonly canReceiveTransfers: boolean;
}

export type PayoutAccountOpened = DomainEvent<
  'PayoutAccountOpened',
  {
    readonly holderId: string;
    readonly stripeAccountId: string;
    readonly requirements: readonly string[];
    readonly disabledReason: string | null;
    readonly openedAt: Instant;
  }
>;

/** The data of every verification event: the facts, and Stripe's time for them. */
export type VerificationChange = VerificationFacts & {
  readonly holderId: string;
  readonly stripeAccountId: string;
  readonly stripeUpdatedAt: Instant;
};

export type PayoutAccountPending = DomainEvent<'PayoutAccountPending', VerificationChange & { readonly status: 'pending' }>;
export type PayoutAccountVerified = DomainEvent<'PayoutAccountVerified', VerificationChange & { readonly status: 'verified' }>;
export type PayoutAccountRestricted = DomainEvent<
  'PayoutAccountRestricted',
  VerificationChange & { readonly status: 'restricted' }
>;

export type PayoutAccountVerificationEvent = PayoutAccountPending | PayoutAccountVerified | PayoutAccountRestricted;
export type PayoutAccountEvent = PayoutAccountOpened | PayoutAccountVerificationEvent;

/** The event type each status is recorded with. */
export const VERIFICATION_EVENT_TYPES = {
  pending: 'PayoutAccountPending',
  verified: 'PayoutAccountVerified',
  restricted: 'PayoutAccountRestricted',
} as const satisfies Record<VerificationStatus, PayoutAccountVerificationEvent['type']>;

/** One stream per holder. */
export const payoutAccountStream = (holderId: string): string => `payoutaccount-${holderId}`;
