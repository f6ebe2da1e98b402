import { SESSION_FR } from './session.fr';
import { ACCOUNT_FR } from './account.fr';
import { HOLDER_FR } from './holder.fr';
import { MODERATION_FR } from './moderation.fr';
import { CHECKOUT_FR } from './checkout.fr';
/**
 * Every string of the web front in French, the default language. The English dictionary is
 * typed by these keys, so a key missing on either side does not compile. `{name}` marks a value
 * filled in at rendering; keys ending in `#one` / `#other` are chosen by `Intl.PluralRules`.
 */
export const fr = {
  'language.name': 'Français',
  'site.name': 'Élan',
  'site.tagline': 'Financement participatif coopératif : 100 % de chaque contribution va au projet.',
  'nav.skip': 'Aller au contenu',
  'nav.label': 'Navigation principale',
  'nav.catalog': 'Les campagnes',
  'footer.commission':
    'Élan ne prend aucune commission : la plateforme vit des pourboires que les contributeurs choisissent de donner.',
  'footer.licence': 'Élan est un commun numérique, sous licence AGPL.',

  'catalog.title': 'Les campagnes',
  'catalog.pageTitle': 'Les campagnes — Élan',
  'catalog.intro': 'Des projets près de chez vous, portés par des associations, des coopératives et des habitants.',
  'catalog.search.legend': 'Chercher une campagne',
  'catalog.search.q': 'Mots-clés',
  'catalog.search.departement': 'Département',
  'catalog.search.anyDepartement': 'Tous les départements',
  'catalog.search.category': 'Catégorie',
  'catalog.search.anyCategory': 'Toutes les catégories',
  'catalog.search.status': 'État',
  'catalog.search.anyStatus': 'Tous les états',
  'catalog.search.sort': 'Trier par',
  'catalog.search.submit': 'Chercher',
  'catalog.search.reset': 'Effacer la recherche',
  'catalog.sort.newest': 'Les plus récentes',
  'catalog.sort.ending_soon': 'Bientôt terminées',
  'catalog.sort.most_funded': 'Les mieux financées',
  'catalog.results': 'Résultats',
  'catalog.empty': 'Aucune campagne ne correspond à votre recherche.',
  'catalog.invalid': 'Ces filtres n’ont pas été compris et n’ont pas été appliqués : {fields}.',
  'catalog.pagination': 'Pages de résultats',
  'catalog.next': 'Page suivante',
  'catalog.first': 'Première page',

  'card.progress': '{committed} sur {goal}',
  'card.percent': '{percent} de l’objectif',
  'card.timeLeft': 'Plus que {duration}',

  'category.solidarity': 'Solidarité',
  'category.culture': 'Culture',
  'category.environment': 'Environnement',
  'category.food': 'Alimentation',
  'category.education': 'Éducation',
  'category.sport': 'Sport',
  'category.heritage': 'Patrimoine',
  'category.technology': 'Technologie',
  'category.health': 'Santé',
  'category.other': 'Autre',

  'status.draft': 'Brouillon',
  'status.submitted': 'En attente de modération',
  'status.approved': 'Bientôt ouverte',
  'status.live': 'En cours',
  'status.closing': 'Collecte close, décompte en cours',
  'status.succeeded': 'Réussie',
  'status.failed': 'Objectif non atteint',
  'status.ended': 'Terminée',
  'status.cancelled': 'Annulée',

  'fundingModel.all_or_nothing': 'Tout ou rien',
  'fundingModel.keep_it_all': 'Collecte libre',
  'fundingModel.all_or_nothing.explain':
    'Tout ou rien : votre carte n’est débitée que si l’objectif est atteint à la fin de la campagne.',
  'fundingModel.keep_it_all.explain':
    'Collecte libre : chaque contribution est versée au projet, même si l’objectif n’est pas atteint.',

  'backers#one': '{count} contributeur',
  'backers#other': '{count} contributeurs',

  'campaign.pageTitle': '{title} — Élan',
  'campaign.back': 'Retour aux campagnes',
  'campaign.plainLanguage': 'En bref, facile à lire',
  'campaign.location': 'Lieu',
  'campaign.category': 'Catégorie',
  'campaign.status': 'État',
  'campaign.progress.heading': 'Où en est la collecte',
  'campaign.progress.committed': '{committed} promis sur un objectif de {goal}',
  'campaign.progress.label': 'Progression vers l’objectif',
  'campaign.timeLeft': 'Il reste {duration} : la collecte se termine le {date}.',
  'campaign.startsAt': 'Les contributions ouvriront le {date}.',
  'campaign.closing': 'La collecte est close depuis le {date} ; le décompte final est en cours.',
  'campaign.succeeded': 'Cette campagne a atteint son objectif. Merci à toutes celles et ceux qui l’ont soutenue !',
  'campaign.failed': 'Cette campagne n’a pas atteint son objectif : aucune carte n’a été débitée.',
  'campaign.ended': 'Cette campagne est terminée.',
  'campaign.cancelled': 'Cette campagne a été annulée.',
  'campaign.cancelledBecause': 'Cette campagne a été annulée : {reason}',
  'campaign.noCommission': '100 % de votre contribution va au projet : Élan ne prend aucune commission.',
  'campaign.stretchGoals.heading': 'Paliers supplémentaires',
  'campaign.stretchGoal.amount': 'À {amount}',
  'campaign.stretchGoal.reached': 'Atteint',
  'campaign.stretchGoal.notReached': 'Pas encore atteint',
  'campaign.tiers.heading': 'Contreparties',
  'campaign.tiers.none': 'Cette campagne ne propose pas de contrepartie : chaque contribution la soutient simplement.',
  'campaign.tier.from': 'À partir de {amount}',
  'campaign.tier.remaining#one': '{count} restante sur {limit}',
  'campaign.tier.remaining#other': '{count} restantes sur {limit}',
  'campaign.tier.unlimited': 'Sans limite de quantité',
  'campaign.tier.soldOut': 'Épuisée',
  'campaign.tier.closed': 'Fermée',
  'campaign.tier.delivery': 'Livraison estimée : {month}',
  'campaign.story.heading': 'L’histoire du projet',
  'campaign.updates.heading': 'Actualités',
  'campaign.updates.none': 'Pas encore d’actualité.',
  'campaign.update.posted': 'Publiée le {date}',
  'campaign.messages.heading': 'Messages de soutien',
  'campaign.messages.none': 'Pas encore de message de soutien.',
  'campaign.messages.unavailable': 'Les messages de soutien ne peuvent pas être affichés pour le moment.',
  'campaign.messages.anonymous': 'Anonyme',
  'campaign.messages.by': '{name}, le {date}',

  'notFound.pageTitle': 'Page introuvable — Élan',
  'notFound.title': 'Page introuvable',
  'notFound.body': 'Cette page n’existe pas ou plus. Vérifiez l’adresse, ou retrouvez les campagnes dans le catalogue.',
  'notFound.back': 'Voir les campagnes',
  'unavailable.pageTitle': 'Élan est momentanément indisponible',
  'unavailable.title': 'Élan est momentanément indisponible',
  'unavailable.body': 'Nous n’arrivons pas à joindre nos services. Rien n’a été enregistré ni débité. Réessayez dans une minute.',
  'unavailable.retry': 'Réessayer',
  'error.pageTitle': 'Une erreur est survenue — Élan',
  'error.title': 'Une erreur est survenue',
  'error.body': 'Cette page n’a pas pu être affichée. Rien n’a été enregistré ni débité. L’équipe a été prévenue.',

  // Each area of the site keeps its strings in its own file, spread here (one line per area).
  ...SESSION_FR,
  ...ACCOUNT_FR,
  // The holder's pages.
  ...HOLDER_FR,
  ...MODERATION_FR,
  // The checkout, the card step and the pledge page.
  ...CHECKOUT_FR,
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof fr;
