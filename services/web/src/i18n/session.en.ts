import type { SESSION_FR } from './session.fr';

/** The log-in, log-out and form strings (issue #12), in English. */
export const SESSION_EN: Readonly<Record<keyof typeof SESSION_FR, string>> = {
  'nav.login': 'Log in',
  'nav.logout': 'Log out',
  'nav.myPledges': 'My pledges',
  'nav.myCampaigns': 'My campaigns',
  'nav.moderation': 'Moderation',
  'nav.admin': 'Administration',
  'nav.account': 'My account',

  'form.errors.title': 'There is a problem with the form',
  'form.errors.separator': ': ',
  'form.required': '(required)',
  'form.expired': 'This form has expired or does not come from this site. Nothing was recorded: check it and send it again.',

  'login.pageTitle': 'Log in — Élan',
  'login.title': 'Log in',
  'login.email': 'E-mail address',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.failed': 'Wrong e-mail address or password.',
  'login.tooMany': 'Too many attempts. Wait a minute before trying again.',
  'login.required': 'Log in to continue.',
  'login.expired': 'Your session has expired: log in again.',
  'login.noAccount': 'No account yet?',
  'login.register': 'Create an account',

  'forbidden.pageTitle': 'Access denied — Élan',
  'forbidden.title': 'Access denied',
  'forbidden.body': 'Your account cannot open this page.',
};
