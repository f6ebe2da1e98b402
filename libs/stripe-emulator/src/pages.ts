import type { EmulatorContext } from './context';
import { emulatorPage, escapeHtml, outcomeButtons, refusal, type Page } from './page-html';
import { answerPayPage } from './pay-page';
import { moveVerification } from './resources/accounts';
import { completePaymentAuthentication } from './resources/payment-intents';
import { completeSetupAuthentication } from './resources/setup-intents';
import { returnLocation } from './return-url';
import { parseForm } from './wire/form';
import { StripeApiError } from './wire/stripe-error';

export type { Page } from './page-html';

const challengePage = (context: EmulatorContext, method: string, path: string, id: string, body: string): Page => {
  if (method === 'GET')
    return {
      status: 200,
      html: emulatorPage(
        '3-D Secure',
        `<h1>Authenticate ${escapeHtml(id)}</h1><p>Your bank asks you to confirm this payment (3-D Secure test).</p>${outcomeButtons(
          path,
          [
            ['succeed', 'Complete authentication'],
            ['fail', 'Fail authentication'],
          ],
        )}`,
      ),
    };
  const succeed = parseForm(body)['outcome'] === 'succeed';
  const pending = context.state.find(id) as
    | { next_action?: { redirect_to_url?: { return_url?: string | null } } | null }
    | undefined;
  const returnUrl = pending?.next_action?.redirect_to_url?.return_url;
  const intent = id.startsWith('pi_')
    ? completePaymentAuthentication(context, id, succeed)
    : completeSetupAuthentication(context, id, succeed);
  context.state.save();
  // Back to the site with the parameters Stripe.js appends, as after any redirect.
  return returnUrl
    ? { status: 303, html: '', location: returnLocation(returnUrl, intent) }
    : {
        status: 200,
        html: emulatorPage('3-D Secure', `<h1>3-D Secure</h1><p>${escapeHtml(id)} is now ${escapeHtml(intent.status)}.</p>`),
      };
};

const onboardingPage = (context: EmulatorContext, method: string, path: string, id: string, body: string): Page => {
  if (method === 'GET')
    return {
      status: 200,
      html: emulatorPage(
        'Onboarding',
        `<h1>Onboard ${escapeHtml(id)}</h1>${outcomeButtons(path, [
          ['verified', 'Submit details (verified)'],
          ['restricted', 'Submit incomplete details (restricted)'],
        ])}`,
      ),
    };
  const account = moveVerification(context, id, parseForm(body)['outcome'] === 'verified' ? 'verified' : 'restricted');
  context.state.save();
  return {
    status: 200,
    html: emulatorPage(
      'Onboarding',
      `<h1>Onboarding</h1><p>${escapeHtml(id)}: charges ${account.charges_enabled ? 'enabled' : 'disabled'}.</p>`,
    ),
  };
};

/**
 * The pages a person would see in a browser: the test-card page that stands for Stripe's Payment
 * Element, the 3-D Secure challenge behind `next_action.redirect_to_url` and the Express onboarding
 * behind an account link. Tests may use the control API for the same moves.
 */
export function answerPage(
  context: EmulatorContext,
  method: string,
  path: string,
  query: string,
  body: string,
): Page | undefined {
  if (method !== 'GET' && method !== 'POST') return undefined;
  const pay = path.match(/^\/emulator\/pay\/((?:pi|seti)_\w+)$/);
  const challenge = path.match(/^\/emulator\/3ds\/((?:pi|seti)_\w+)$/);
  const onboarding = path.match(/^\/emulator\/onboarding\/(acct_\w+)$/);
  try {
    if (pay !== null) return answerPayPage(context, method, path, pay[1] ?? '', query, body);
    if (challenge !== null) return challengePage(context, method, path, challenge[1] ?? '', body);
    if (onboarding !== null) return onboardingPage(context, method, path, onboarding[1] ?? '', body);
  } catch (error) {
    // What the API would answer with a Stripe error (an unknown id, a state that forbids the move) is said on a page.
    if (error instanceof StripeApiError) return refusal(error.status === 404 ? 404 : 400, error.message);
    throw error;
  }
  return undefined;
}
