import type { CardStep } from '../../card-step.config';
import type { Locale } from '../../i18n/i18n';
import { PATHS } from '../../routes/paths';
import { CONTENT_SECURITY_POLICY } from '../../security-headers';

/** The intent a pledge is paid (or its card saved) with, as the API answered it. */
export interface PledgePayment {
  readonly kind: 'payment' | 'card_setup';
  readonly intentId: string;
  readonly clientSecret: string;
}

/** Where the pledge's page is, for a guest with their private link's token. */
export const pledgeHref = (locale: Locale, pledgeId: string, guestToken?: string): string =>
  `/${locale}${PATHS.pledge(pledgeId)}${guestToken === undefined ? '' : `?${new URLSearchParams({ token: guestToken })}`}`;

/**
 * Where Stripe (or the emulator) sends the browser back once the intent is settled:
 * `/{lang}/pledges/{id}/return` on the site's public origin, with the guest's token so the page
 * can read the pledge. Stripe appends the intent, its client secret and `redirect_status`.
 */
export const returnUrlOf = (origin: string, locale: Locale, pledgeId: string, guestToken?: string): string =>
  `${origin}/${locale}${PATHS.pledge(pledgeId)}/return${guestToken === undefined ? '' : `?${new URLSearchParams({ token: guestToken })}`}`;

/**
 * The card step for an intent: the emulator's test-card page (which confirms the very intent
 * through the emulator, 3-D Secure included), or our page with Stripe's Payment Element.
 */
export const cardStepLocation = (
  cardStep: CardStep,
  locale: Locale,
  pledgeId: string,
  payment: PledgePayment,
  returnUrl: string,
  guestToken?: string,
): string => {
  if (cardStep.kind === 'emulator')
    return `${cardStep.emulatorUrl}/emulator/pay/${encodeURIComponent(payment.intentId)}?${new URLSearchParams({
      client_secret: payment.clientSecret,
      return_url: returnUrl,
    })}`;
  return `/${locale}${PATHS.pledge(pledgeId)}/card?${new URLSearchParams({
    kind: payment.kind,
    client_secret: payment.clientSecret,
    ...(guestToken !== undefined && { token: guestToken }),
  })}`;
};

/** The intent a client secret belongs to: Stripe's secrets are `<intent id>_secret_<random>`. */
export const intentIdOf = (clientSecret: string): string | undefined =>
  /^((?:pi|seti)_[A-Za-z0-9]+)_secret_[A-Za-z0-9]+$/.exec(clientSecret)?.[1];

/**
 * Headers of the checkout's form page. Browsers hold a form's POST to `form-action` through its
 * redirects too, so with the emulator (another origin, in development and tests) the checkout's
 * policy names it; with Stripe the card step is our own page and the site's policy stands.
 */
export const checkoutHeaders = (cardStep: CardStep): Readonly<Record<string, string>> =>
  cardStep.kind === 'emulator'
    ? {
        'content-security-policy': CONTENT_SECURITY_POLICY.replace(
          "form-action 'self'",
          `form-action 'self' ${new URL(cardStep.emulatorUrl).origin}`,
        ),
      }
    : {};
