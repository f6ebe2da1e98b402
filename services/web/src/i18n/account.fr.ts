/** The contributor's own pages (issue #12): registration, their pledges, changes, cancellation, their data — in French. */
export const ACCOUNT_FR = {
  'register.pageTitle': 'Créer un compte — Élan',
  'register.title': 'Créer un compte',
  'register.intro': 'Un compte vous permet de retrouver vos contributions, de les modifier et de lancer une campagne.',
  'register.displayName': 'Nom affiché',
  'register.displayName.hint': 'Le nom que verront les porteurs de projet ; vous pourrez contribuer anonymement.',
  'register.email': 'Adresse e-mail',
  'register.password': 'Mot de passe',
  'register.password.hint':
    'Au moins 12 caractères, difficile à deviner : une phrase de plusieurs mots peu courants convient bien.',
  'register.submit': 'Créer mon compte',
  'register.taken': 'Un compte utilise déjà cette adresse e-mail : connectez-vous, ou choisissez une autre adresse.',
  'register.tooMany': 'Trop de comptes créés depuis votre connexion. Attendez une minute avant de réessayer.',
  'register.haveAccount': 'Vous avez déjà un compte ?',
  'register.login': 'Se connecter',

  'myPledges.pageTitle': 'Mes contributions — Élan',
  'myPledges.title': 'Mes contributions',
  'myPledges.empty': 'Vous n’avez pas encore soutenu de campagne.',
  'myPledges.browse': 'Découvrir les campagnes',
  'myPledges.data': 'Mes données personnelles',
  'myPledges.unknownCampaign': 'Campagne indisponible',

  'pledge.amount': 'Contribution : {amount}',
  'pledge.tip': 'Pourboire à Élan : {amount}',
  'pledge.status': 'État : {status}',
  'pledge.placedAt': 'Faite le {date}',
  'pledge.see': 'Voir la contribution',
  'pledge.seeNamed': 'Voir la contribution à « {campaign} »',
  'pledge.change': 'Modifier',
  'pledge.changeNamed': 'Modifier la contribution à « {campaign} »',
  'pledge.cancel': 'Annuler',
  'pledge.cancelNamed': 'Annuler la contribution à « {campaign} »',
  'pledge.back': 'Retour à la contribution',

  'pledgeStatus.placed': 'Enregistrée, en attente de paiement',
  'pledgeStatus.awaiting_payment': 'En attente de paiement',
  'pledgeStatus.awaiting_card_setup': 'En attente de l’enregistrement de la carte',
  'pledgeStatus.payment_failed': 'Paiement refusé',
  'pledgeStatus.committed': 'Confirmée',
  'pledgeStatus.refund_requested': 'Remboursement demandé',
  'pledgeStatus.collecting': 'Prélèvement en cours',
  'pledgeStatus.collection_declined': 'Prélèvement refusé : carte à mettre à jour',
  'pledgeStatus.card_updated': 'Carte mise à jour',
  'pledgeStatus.collected': 'Prélevée',
  'pledgeStatus.late': 'Paiement arrivé après la clôture',
  'pledgeStatus.abandoned': 'Abandonnée',
  'pledgeStatus.cancelled': 'Annulée',
  'pledgeStatus.dropped': 'Abandonnée après un refus de la carte',
  'pledgeStatus.released': 'Libérée : objectif non atteint, rien n’a été prélevé',
  'pledgeStatus.refunded': 'Remboursée',

  'change.pageTitle': 'Modifier ma contribution — Élan',
  'change.title': 'Modifier ma contribution',
  'change.explain':
    'Tout ou rien : rien n’a encore été prélevé. Vous pouvez changer le montant ou la contrepartie jusqu’à la fin de la collecte ; votre carte ne sera débitée que si l’objectif est atteint.',
  'change.keepItAll':
    'Cette contribution à une collecte libre est déjà payée : elle ne peut pas être modifiée. Vous pouvez l’annuler (elle vous sera remboursée, pourboire compris) puis contribuer à nouveau.',
  'change.notCommitted': 'Cette contribution ne peut plus être modifiée dans son état actuel.',
  'change.amount': 'Nouveau montant (en {currency})',
  'change.amount.hint': 'Par exemple 30 ou 30,50.',
  'change.amount.invalid': 'indiquez un montant en chiffres, avec au plus {digits} décimales, par exemple 30 ou 30,50',
  'change.tier': 'Contrepartie',
  'change.noTier': 'Aucune contrepartie',
  'change.tierFrom': '{title} — à partir de {amount}',
  'change.tipStays': 'Votre pourboire à Élan reste de {amount}.',
  'change.submit': 'Enregistrer la modification',
  'change.refused': 'La modification n’a pas été enregistrée : {reason} Rien n’a changé.',

  'cancel.pageTitle': 'Annuler ma contribution — Élan',
  'cancel.title': 'Annuler ma contribution',
  'cancel.keepItAll':
    'Cette contribution est payée : en l’annulant, vous serez remboursé de {total} (contribution et pourboire compris) sur la carte utilisée. Le remboursement peut prendre quelques jours.',
  'cancel.allOrNothing':
    'Rien n’a encore été prélevé : en l’annulant, votre carte ne sera jamais débitée pour cette contribution.',
  'cancel.notCommitted': 'Cette contribution ne peut plus être annulée dans son état actuel.',
  'cancel.final': 'L’annulation est définitive ; vous pourrez toujours contribuer à nouveau tant que la collecte est ouverte.',
  'cancel.submit': 'Annuler ma contribution',
  'cancel.refused': 'La contribution n’a pas été annulée : {reason} Rien n’a changé.',

  'refusal.deadline': 'la collecte est close.',
  'refusal.tier': 'cette contrepartie n’accepte plus de contributions.',
  'refusal.state': 'la contribution n’est pas (ou plus) confirmée.',

  'myData.pageTitle': 'Mes données personnelles — Élan',
  'myData.title': 'Mes données personnelles',
  'myData.download.heading': 'Télécharger mes données',
  'myData.download.body':
    'Tout ce qu’Élan conserve sur vous, en un fichier JSON : votre compte, chacune de vos contributions (nom, adresse, message, montants, pourboires, états) et les campagnes que vous portez.',
  'myData.download.link': 'Télécharger mes données (JSON)',
  'myData.erase.heading': 'Effacer mon compte et mes données',
  'myData.erase.erased':
    'Seront effacés : votre nom, votre adresse e-mail, votre mot de passe et les messages de soutien que vous avez écrits, partout où Élan les garde. Vous ne pourrez plus vous connecter.',
  'myData.erase.ended':
    'Vos paiements en attente seront abandonnés, et vos contributions « tout ou rien » confirmées seront annulées avant la fin de leur collecte : rien ne sera prélevé.',
  'myData.erase.kept':
    'Restent conservés, comme la loi l’exige pour la comptabilité : les montants, les pourboires, les états des contributions et les références de paiement, rattachés à un compte qui ne désigne plus personne. Les contributions déjà payées ne sont pas remboursées par l’effacement.',
  'myData.erase.holder': 'Les campagnes que vous portez restent en ligne, sous un compte qui ne porte plus votre nom.',
  'myData.erase.password': 'Votre mot de passe, pour confirmer',
  'myData.erase.password.hint': 'L’effacement est définitif.',
  'myData.erase.submit': 'Effacer définitivement mon compte',
  'myData.erase.wrongPassword': 'Mot de passe incorrect : rien n’a été effacé.',
  'myData.erase.refused': 'L’effacement n’a pas pu avoir lieu : {reason} Rien n’a été effacé.',
  'myData.erase.pending':
    'une contribution « tout ou rien » est en cours de prélèvement. Réessayez quand elle sera réglée (au plus 7 jours).',
  'myData.erase.lastAdmin': 'vous êtes le dernier administrateur. Nommez-en un autre d’abord.',

  'guestErase.pageTitle': 'Effacer mes données — Élan',
  'guestErase.title': 'Effacer mes données de cette contribution',
  'guestErase.erased':
    'Seront effacés : le nom, l’adresse e-mail et le message donnés avec cette contribution, partout où Élan les garde.',
  'guestErase.kept':
    'Restent conservés, comme la loi l’exige pour la comptabilité : le montant, le pourboire, l’état de la contribution et sa référence de paiement. Ce lien privé continue de l’afficher.',
  'guestErase.submit': 'Effacer définitivement mes données',
  'guestErase.refused': 'L’effacement n’a pas pu avoir lieu : {reason} Rien n’a été effacé.',

  'notice.erased': 'Votre compte et vos données personnelles ont été effacés. Merci d’avoir soutenu des projets sur Élan.',
} as const satisfies Record<string, string>;
