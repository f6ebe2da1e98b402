import { uuidv7, type Money } from '@elan/domain-kernel';
import { idempotencyKey, type ElanOwner, type IdempotencyKey, type PaymentProvider } from '../../src';

/**
 * What the conformance suite runs against: the port, plus the few switches only the emulator has.
 * A switch left out skips the tests that need it (Stripe's test mode cannot verify an account on
 * demand, nor lose a response when asked).
 */
export interface ConformanceTarget {
  readonly provider: PaymentProvider;
  /** The same provider with another secret key or number of retries: the failure tests. */
  providerWith(options: { readonly secretKey?: string; readonly maxNetworkRetries?: number }): PaymentProvider;
  /** Country of the holders' Express accounts; Stripe refuses some for some platforms. */
  readonly connectedAccountCountry: string;
  /** Moves an Express account's verification (the emulator's control API). */
  readonly verification?: AccountVerificationControl;
  /** The fee the provider takes on a charge, when it is known in advance (the emulator's setting). */
  readonly feeOf?: (charged: Money) => Money;
  /** Makes the next `times` answers of `POST <path>` be lost after the work was done (connection reset). */
  readonly loseNextResponses?: (path: string, times: number) => Promise<void>;
  /** Makes the next `times` calls to `POST <path>` answer Stripe's 500 `api_error`. */
  readonly failNextCalls?: (path: string, times: number) => Promise<void>;
  /** Completes the 3-D Secure challenge of a PaymentIntent or SetupIntent, as the contributor would. */
  readonly completeAuthentication?: (intentId: string) => Promise<void>;
  /** How many charges the provider holds for payments of this Élan owner. */
  readonly chargesOf?: (owner: ElanOwner) => Promise<number>;
  stop(): Promise<void>;
}

export interface AccountVerificationControl {
  verify(accountId: string): Promise<void>;
  restrict(accountId: string, currentlyDue: readonly string[]): Promise<void>;
}

/** The target as each test sees it once `beforeAll` has started it. */
export type TargetOf = () => ConformanceTarget;

/** Whether the target has the emulator's switches, known when tests are declared. */
export type Controls = 'emulator' | 'none';

/** A test that needs a switch only the emulator has: declared skipped elsewhere, saying why. */
export const itWithControls = (controls: Controls): jest.It => (controls === 'emulator' ? it : (it.skip as jest.It));

/** The switch, which the emulator run must provide. */
export const required = <T>(control: T | undefined, what: string): T => {
  if (control === undefined) throw new Error(`the conformance target lacks ${what}`);
  return control;
};

/** A fresh Élan record for each test: Stripe keeps idempotency keys for a day, across runs. */
export const aPledge = (): { owner: ElanOwner; key: (operation: string, ...more: string[]) => IdempotencyKey } => {
  const id = uuidv7();
  return {
    owner: { service: 'pledge', entity: 'pledge', id },
    key: (operation, ...more) => idempotencyKey('pledge', id, operation, ...more),
  };
};

export const aContributor = (): { owner: ElanOwner; key: IdempotencyKey; email: string } => {
  const id = uuidv7();
  return {
    owner: { service: 'pledge', entity: 'contributor', id },
    key: idempotencyKey('contributor', id, 'create-customer'),
    email: `contributor-${id}@example.org`,
  };
};
