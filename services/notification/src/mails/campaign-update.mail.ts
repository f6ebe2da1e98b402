import { campaignLink, greeting, named, signature, type MailContext } from './mail-blocks';
import { formatDate } from './mail-format';
import { layOut, type MailBlock, type RenderedMail } from './mail-layout';
import type { MailData } from './mail-templates';

/** How much of an update a mail carries: one row per backer keeps it, so not the 10,000 characters an update may have. */
export const EXCERPT_MAX = 1_000;

/**
 * The beginning of an update's text, cut at the last space before `max` characters (whole, when
 * short enough). Characters are counted as code points, so no emoji is cut in half.
 */
export const excerptOf = (body: string, max = EXCERPT_MAX): { excerpt: string; truncated: boolean } => {
  const characters = [...body.trim()];
  if (characters.length <= max) return { excerpt: characters.join(''), truncated: false };
  const head = characters.slice(0, max).join('');
  const cut = head.search(/\s\S*$/);
  return { excerpt: (cut > max / 2 ? head.slice(0, cut) : head).trimEnd(), truncated: true };
};

/** News the holder posted, to a backer: the title, the text (or its beginning) and the way to the campaign page. */
export function campaignUpdate(data: MailData['campaign_update'], context: MailContext): RenderedMail {
  const fr = context.language === 'fr';
  const campaign = named(context, { fr: 'la campagne que vous soutenez', en: 'the campaign you back' });
  const paragraphs: MailBlock[] = data.excerpt
    .split(/\n\s*\n/)
    .map((text) => text.trim())
    .filter((text) => text.length > 0)
    .map((text) => ({ kind: 'paragraph', text }));
  return layOut(context.language, fr ? `Nouvelles de ${campaign} : ${data.title}` : `News from ${campaign}: ${data.title}`, [
    greeting(context),
    {
      kind: 'paragraph',
      text: fr
        ? `Le porteur de projet de ${campaign} a publié des nouvelles le ${formatDate(data.postedAt, context.language)} :`
        : `The holder of ${campaign} posted news on ${formatDate(data.postedAt, context.language)}:`,
    },
    { kind: 'paragraph', text: data.title },
    ...paragraphs,
    ...(data.truncated
      ? [
          {
            kind: 'paragraph',
            text: fr ? '[…] La suite est sur la page de la campagne.' : '[…] Read on on the campaign page.',
          } as const,
        ]
      : []),
    campaignLink(data.campaignId, context),
    {
      kind: 'paragraph',
      text: fr
        ? 'Vous recevez ce message parce que vous soutenez cette campagne.'
        : 'You receive this mail because you back this campaign.',
    },
    signature(context),
  ]);
}
