import type { PayoutAccountState } from './payout-account.state';

/** Stripe's `disabled_reason` values a holder may meet, in plain words. */
const DISABLED_REASONS: Readonly<Record<string, string>> = {
  'requirements.past_due': 'information Stripe asked for is overdue',
  'requirements.pending_verification': 'Stripe is checking the information sent',
  'rejected.fraud': 'Stripe rejected the account',
  'rejected.terms_of_service': 'Stripe rejected the account',
  'rejected.other': 'Stripe rejected the account',
  under_review: 'Stripe is reviewing the account',
  listed: 'Stripe is reviewing the account',
  other: 'Stripe disabled the account',
};

const needs = (requirements: readonly string[]): string =>
  requirements.length > 0 ? ` Stripe still needs: ${requirements.join(', ')}.` : '';

/**
 * Why money would wait for this account, in plain words (shown to the holder as it is): nothing
 * waits on a verified account; otherwise the explanation names what Stripe still needs.
 */
export const explainPayoutAccount = (account: PayoutAccountState): string => {
  switch (account.status) {
    case 'none':
      return 'No payout account yet: money raised would wait until you start one and finish Stripe’s onboarding.';
    case 'verified':
      return 'Your payout account can receive transfers: no money waits on it.';
    case 'pending':
      return account.requirements.length > 0
        ? `Onboarding with Stripe is not finished, so money would wait.${needs(account.requirements)}`
        : 'Stripe is checking the information you sent, so money would wait until it has.';
    case 'restricted': {
      const reason = account.disabledReason && (DISABLED_REASONS[account.disabledReason] ?? account.disabledReason);
      return `Stripe has restricted your payout account${reason ? ` (${reason})` : ''}, so money would wait.${needs(account.requirements)}`;
    }
  }
};
