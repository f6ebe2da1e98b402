import { campaignLink, greeting, named, signature, type MailContext } from './mail-blocks';
import { formatDate, formatDateTime } from './mail-format';
import { layOut, type MailBlock, type RenderedMail } from './mail-layout';
import type { MailData } from './mail-templates';

/** The contributor's pledge page on the web, where a new card is given (`POST /api/pledges/{id}/card` behind it). */
export const pledgePageUrl = (pledgeId: string, context: MailContext): string =>
  `${context.baseUrl}/${context.language}/pledges/${pledgeId}`;

/**
 * A declined off-session charge of an all-or-nothing pledge: the contributor may give a new card
 * until `retryUntil`. An account gets the link to its pledge page; a guest's page opens only with
 * the secret token of their private link, which no mail carries (like the receipt, ADR 0031), so a
 * guest is told to open the private link they were given when they pledged.
 */
export function collectionDeclined(data: MailData['collection_declined'], context: MailContext): RenderedMail {
  const fr = context.language === 'fr';
  const campaign = named(context, { fr: 'la campagne que vous soutenez', en: 'the campaign you back' });
  const when = formatDate(data.declinedAt, context.language);
  const until = formatDateTime(data.retryUntil, context.language);
  const again = data.attempt > 1;
  const story = fr
    ? `${campaign} a atteint son objectif, mais votre banque a ${again ? 'de nouveau ' : ''}refusé le prélèvement de votre contribution le ${when}. Rien n’a été prélevé.`
    : `${campaign} reached its goal, but your bank ${again ? 'again ' : ''}declined the charge of your pledge on ${when}. Nothing was charged.`;
  const window = fr
    ? `Vous pouvez donner une nouvelle carte jusqu’au ${until} (heure de Paris) : elle sera débitée de votre contribution et de votre pourboire. Passé ce délai, votre contribution sera annulée.`
    : `You can give a new card until ${until} (Paris time): it will be charged your pledge and your tip. After that, your pledge will be cancelled.`;
  const how: MailBlock[] = data.guest
    ? [
        {
          kind: 'paragraph',
          text: fr
            ? 'Vous avez contribué sans compte : ouvrez le lien privé qui vous a été donné lors de votre contribution, et donnez-y une nouvelle carte. Par sécurité, ce message ne le contient pas.'
            : 'You pledged without an account: open the private link you were given when you pledged, and give a new card there. For your safety, this mail does not contain it.',
        },
      ]
    : [{ kind: 'link', label: fr ? 'Donner une nouvelle carte' : 'Give a new card', url: pledgePageUrl(data.pledgeId, context) }];
  return layOut(
    context.language,
    fr ? 'Votre carte a été refusée : donnez-en une nouvelle' : 'Your card was declined: please give a new one',
    [
      greeting(context),
      { kind: 'paragraph', text: story },
      { kind: 'paragraph', text: window },
      ...how,
      { kind: 'paragraph', text: `${fr ? 'Référence' : 'Reference'}${fr ? ' : ' : ': '}${data.pledgeId}` },
      campaignLink(data.campaignId, context),
      signature(context),
    ],
  );
}
