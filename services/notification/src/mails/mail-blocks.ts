import type { MailLanguage } from '@elan/contracts';
import type { MailBlock } from './mail-layout';

/** The parts every mail shares: the context the worker gives at send time, greeting, signature, links. */

/** What the mail worker adds at send time: the recipient's name and language, the campaign's title, where Élan lives. */
export interface MailContext {
  readonly language: MailLanguage;
  readonly name: string | null;
  /** The campaign's public title, null when the notification service has not seen it launch. */
  readonly campaignTitle: string | null;
  /** Élan's public address, without a trailing slash. */
  readonly baseUrl: string;
}

export const greeting = ({ language, name }: MailContext): MailBlock => ({
  kind: 'paragraph',
  text: language === 'fr' ? (name ? `Bonjour ${name},` : 'Bonjour,') : name ? `Hello ${name},` : 'Hello,',
});

export const signature = ({ language }: MailContext): MailBlock => ({
  kind: 'paragraph',
  text: language === 'fr' ? 'L’équipe Élan' : 'The Élan team',
});

export const campaignLink = (campaignId: string, context: MailContext): MailBlock => ({
  kind: 'link',
  label: context.language === 'fr' ? 'Voir la campagne' : 'See the campaign',
  url: `${context.baseUrl}/campaigns/${campaignId}`,
});

/** « Title » in French, “Title” in English; "your campaign" when the title is not known. */
export const named = (context: MailContext, fallback: { fr: string; en: string }): string =>
  context.campaignTitle === null
    ? fallback[context.language]
    : context.language === 'fr'
      ? `« ${context.campaignTitle} »`
      : `“${context.campaignTitle}”`;
