import { createHash } from 'node:crypto';

/** What a card does when charged; `setup` is what it does when saved (SetupIntent or attach). */
export interface TestCard {
  readonly number: string;
  readonly brand: 'visa' | 'mastercard';
  /** `undefined`: the charge succeeds. */
  readonly chargeDecline?: { readonly code: string; readonly declineCode: string; readonly message: string };
  /** Saving it fails with this decline (Stripe checks the card when it is attached or set up). */
  readonly setupDeclines: boolean;
  /** 3-D Secure: on every payment, or only until set up for off-session use. */
  readonly authentication: 'never' | 'always' | 'unless-set-up';
}

const generic = { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' };

/** Stripe's test payment methods, by their real ids (docs.stripe.com/testing). */
export const TEST_CARDS: Record<string, TestCard> = {
  pm_card_visa: { number: '4242424242424242', brand: 'visa', setupDeclines: false, authentication: 'never' },
  pm_card_mastercard: { number: '5555555555554444', brand: 'mastercard', setupDeclines: false, authentication: 'never' },
  pm_card_chargeDeclined: {
    number: '4000000000000002',
    brand: 'visa',
    chargeDecline: generic,
    setupDeclines: true,
    authentication: 'never',
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    number: '4000000000009995',
    brand: 'visa',
    chargeDecline: {
      code: 'card_declined',
      declineCode: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    },
    setupDeclines: true,
    authentication: 'never',
  },
  pm_card_authenticationRequired: {
    number: '4000002760003184',
    brand: 'visa',
    setupDeclines: false,
    authentication: 'always',
  },
  pm_card_authenticationRequiredOnSetup: {
    number: '4000002500003155',
    brand: 'visa',
    setupDeclines: false,
    authentication: 'unless-set-up',
  },
  pm_card_chargeCustomerFail: {
    number: '4000000000000341',
    brand: 'visa',
    chargeDecline: generic,
    setupDeclines: false,
    authentication: 'never',
  },
};

/** The same card number gives the same fingerprint, whichever customer saves it. */
export const fingerprintOf = (number: string): string =>
  createHash('sha256').update(`elan-stripe-emulator:${number}`).digest('base64url').slice(0, 16);
