import type Stripe from 'stripe';
import {
  STRIPE_OBJECT_OWNERS,
  stripeEventReceived,
  type StripeEventReceivedPayload,
  type StripeEventRoute,
} from '@elan/contracts';

type StripeObject = Readonly<Record<string, unknown>>;
type Summary = StripeEventReceivedPayload['object'];

/** The metadata keys Élan sets on the Stripe objects it creates (`elan_service`, `elan_pledge_id`…). */
const ELAN_METADATA_KEY = /^elan_[a-z0-9_]+$/;

const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);
const booleanOf = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);
const recordOf = (value: unknown): StripeObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as StripeObject) : {};
/** A field Stripe either gives as an id or expands into the object itself. */
const idOf = (value: unknown): string | undefined => textOf(value) ?? textOf(recordOf(value).id);

/**
 * What a service needs of a Stripe event, and nothing else: the rest of Stripe's object (billing
 * details, names, e-mails, card details of the payment method in an error) is dropped here, at
 * the door, so it reaches neither the gateway's log nor the bus (docs/security.md). Validated
 * against the contract before anything is recorded: the relay never meets a payload it refuses.
 */
export function summariseStripeEvent(event: Stripe.Event): StripeEventReceivedPayload {
  // Signed is not well-formed: read defensively, and let the contract say what is wrong.
  const object = recordOf(recordOf(event.data as unknown).object);
  const metadata = elanMetadataOf(object.metadata);
  const summary = {
    stripeEventId: event.id,
    type: event.type,
    created: instantOf(event.created),
    livemode: event.livemode,
    ...(event.account ? { account: event.account } : {}),
    routedTo: routeOf(textOf(event.type) ?? '', textOf(object.object), metadata),
    object: { ...objectSummary(object), metadata },
  };
  return stripeEventReceived.schema.parse(summary);
}

/**
 * The service that owns the object, from the `elan_service` metadata Élan sets when it creates
 * it; Connect account events go to payout, which onboards the accounts. Anything else is
 * `unrouted`: recorded and published all the same, for whoever learns to use it.
 */
export function routeOf(
  type: string,
  objectType: string | undefined,
  metadata: Readonly<Record<string, string>>,
): StripeEventRoute {
  const owner = STRIPE_OBJECT_OWNERS.find((service) => service === metadata.elan_service);
  if (owner) return owner;
  if (objectType === 'account' || type.startsWith('account.')) return 'payout';
  return 'unrouted';
}

/** Stripe's `created` (Unix seconds) in ISO 8601; anything else is left as it is, for the contract to refuse. */
const instantOf = (seconds: unknown): unknown =>
  typeof seconds === 'number' && Number.isSafeInteger(seconds) && Math.abs(seconds) < 8.64e12
    ? new Date(seconds * 1000).toISOString()
    : seconds;

const elanMetadataOf = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(recordOf(value)).filter(
      (entry): entry is [string, string] => ELAN_METADATA_KEY.test(entry[0]) && typeof entry[1] === 'string',
    ),
  );

function objectSummary(object: StripeObject): Omit<Summary, 'metadata'> {
  const error = recordOf(object.last_payment_error ?? object.last_setup_error);
  const requirements = recordOf(object.requirements);
  const paymentIntentId = object.object === 'payment_intent' ? undefined : idOf(object.payment_intent);
  const fields = {
    id: textOf(object.id),
    type: textOf(object.object) ?? 'unknown',
    status: textOf(object.status),
    amount: amountOf(object),
    paymentIntentId: paymentIntentId?.startsWith('pi_') ? paymentIntentId : undefined,
    transferGroup: textOf(object.transfer_group),
    declineCode: textOf(error.decline_code),
    errorCode: textOf(error.code) ?? textOf(object.failure_code),
    chargesEnabled: booleanOf(object.charges_enabled),
    payoutsEnabled: booleanOf(object.payouts_enabled),
    requirementsDue: Array.isArray(requirements.currently_due)
      ? requirements.currently_due.filter((item): item is string => typeof item === 'string')
      : undefined,
    disabledReason: textOf(requirements.disabled_reason),
  };
  // Absent, not undefined: the payload is JSON and the contract's optional fields are absent.
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Omit<Summary, 'metadata'>;
}

/** Stripe's amounts are already integer minor units; its currency codes are lower case. */
function amountOf(object: StripeObject): Summary['amount'] {
  const { amount, currency } = object;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || typeof currency !== 'string') return undefined;
  return { amount, currency: currency.toUpperCase() };
}
