/** The log-in, log-out and form strings (issue #12), in French. */
export const SESSION_FR = {
  'nav.login': 'Se connecter',
  'nav.logout': 'Se déconnecter',
  'nav.myPledges': 'Mes contributions',
  'nav.myCampaigns': 'Mes campagnes',
  'nav.moderation': 'Modération',
  'nav.admin': 'Administration',
  'nav.account': 'Mon compte',

  'form.errors.title': 'Le formulaire contient des erreurs',
  'form.errors.separator': ' : ',
  'form.required': '(obligatoire)',
  'form.expired':
    'Ce formulaire a expiré ou ne vient pas de ce site. Rien n’a été enregistré : vérifiez et envoyez-le à nouveau.',

  'login.pageTitle': 'Se connecter — Élan',
  'login.title': 'Se connecter',
  'login.email': 'Adresse e-mail',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.failed': 'Adresse e-mail ou mot de passe incorrect.',
  'login.tooMany': 'Trop de tentatives. Attendez une minute avant de réessayer.',
  'login.required': 'Connectez-vous pour continuer.',
  'login.expired': 'Votre session a expiré : connectez-vous à nouveau.',
  'login.noAccount': 'Pas encore de compte ?',
  'login.register': 'Créer un compte',

  'forbidden.pageTitle': 'Accès refusé — Élan',
  'forbidden.title': 'Accès refusé',
  'forbidden.body': 'Votre compte ne permet pas d’ouvrir cette page.',
} as const satisfies Record<string, string>;
