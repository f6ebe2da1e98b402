import type { EmulatorContext } from './context';
import { moveVerification } from './resources/accounts';
import { completePaymentAuthentication } from './resources/payment-intents';
import { completeSetupAuthentication } from './resources/setup-intents';
import { parseForm } from './wire/form';

export interface Page {
  readonly status: number;
  readonly html: string;
  readonly location?: string;
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
  `<body style="font-family:sans-serif;max-width:32rem;margin:3rem auto"><p><strong>Stripe emulator</strong> (test mode)</p>${body}</body></html>`;

const buttons = (action: string, choices: [string, string][]): string =>
  choices
    .map(
      ([value, label]) =>
        `<form method="post" action="${escape(action)}"><button name="outcome" value="${value}">${escape(label)}</button></form>`,
    )
    .join('');

/**
 * The pages a person would see in a browser: the 3-D Secure challenge behind `next_action.redirect_to_url`
 * and the Express onboarding behind an account link. Tests use the control API for the same moves.
 */
export function answerPage(context: EmulatorContext, method: string, path: string, body: string): Page | undefined {
  const challenge = path.match(/^\/emulator\/3ds\/((?:pi|seti)_\w+)$/);
  if (challenge !== null) {
    const id = challenge[1] ?? '';
    if (method === 'GET')
      return {
        status: 200,
        html: page(
          '3-D Secure',
          `<h1>Authenticate ${escape(id)}</h1>${buttons(path, [
            ['succeed', 'Complete authentication'],
            ['fail', 'Fail authentication'],
          ])}`,
        ),
      };
    const succeed = parseForm(body)['outcome'] === 'succeed';
    const intent = id.startsWith('pi_')
      ? completePaymentAuthentication(context, id, succeed)
      : completeSetupAuthentication(context, id, succeed);
    context.state.save();
    const returnUrl = intent.next_action?.redirect_to_url?.return_url;
    return returnUrl
      ? { status: 303, html: '', location: returnUrl }
      : { status: 200, html: page('3-D Secure', `<p>${escape(id)} is now ${escape(intent.status)}.</p>`) };
  }
  const onboarding = path.match(/^\/emulator\/onboarding\/(acct_\w+)$/);
  if (onboarding !== null) {
    const id = onboarding[1] ?? '';
    if (method === 'GET')
      return {
        status: 200,
        html: page(
          'Onboarding',
          `<h1>Onboard ${escape(id)}</h1>${buttons(path, [
            ['verified', 'Submit details (verified)'],
            ['restricted', 'Submit incomplete details (restricted)'],
          ])}`,
        ),
      };
    const account = moveVerification(context, id, parseForm(body)['outcome'] === 'verified' ? 'verified' : 'restricted');
    context.state.save();
    return {
      status: 200,
      html: page('Onboarding', `<p>${escape(id)}: charges ${account.charges_enabled ? 'enabled' : 'disabled'}.</p>`),
    };
  }
  return undefined;
}
