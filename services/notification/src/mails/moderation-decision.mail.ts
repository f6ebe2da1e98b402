import { campaignLink, greeting, signature, type MailContext } from './mail-blocks';
import { formatDate, formatDateTime } from './mail-format';
import { layOut, type RenderedMail } from './mail-layout';
import type { MailData } from './mail-templates';

/**
 * Moderation's decision on a submitted campaign, to its holder: approved, with its dates; or sent
 * back to draft, with the moderator's reason, to change and submit again. The title is the one
 * moderated, carried by the event (the directory knows only launched campaigns).
 */
export function moderationDecision(data: MailData['moderation_decision'], context: MailContext): RenderedMail {
  const fr = context.language === 'fr';
  const campaign = fr ? `« ${data.title} »` : `“${data.title}”`;
  const on = formatDate(data.decidedAt, context.language);
  if (data.decision === 'approved') {
    const opens = formatDateTime(data.startsAt, context.language);
    const closes = formatDateTime(data.deadline, context.language);
    return layOut(context.language, fr ? `${campaign} est approuvée` : `${campaign} is approved`, [
      greeting(context),
      {
        kind: 'paragraph',
        text: fr
          ? `Bonne nouvelle : la modération a approuvé votre campagne ${campaign} le ${on}. Elle s’ouvrira aux contributions le ${opens} et se clôturera le ${closes} (heure de Paris).`
          : `Good news: moderation approved your campaign ${campaign} on ${on}. It opens to pledges on ${opens} and closes on ${closes} (Paris time).`,
      },
      campaignLink(data.campaignId, context),
      signature(context),
    ]);
  }
  return layOut(context.language, fr ? `${campaign} : des changements sont demandés` : `${campaign}: changes are needed`, [
    greeting(context),
    {
      kind: 'paragraph',
      text: fr
        ? `La modération n’a pas approuvé votre campagne ${campaign} en l’état, le ${on}. Voici pourquoi :`
        : `Moderation did not approve your campaign ${campaign} as it stands, on ${on}. Here is why:`,
    },
    { kind: 'paragraph', text: data.reason },
    {
      kind: 'paragraph',
      text: fr
        ? 'Votre campagne est revenue à l’état de brouillon : modifiez-la, puis soumettez-la de nouveau à la modération.'
        : 'Your campaign is back to draft: change it, then submit it to moderation again.',
    },
    signature(context),
  ]);
}
