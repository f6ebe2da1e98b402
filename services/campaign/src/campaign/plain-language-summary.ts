import { invalid, text } from './campaign-fields';

/**
 * The plain-language summary of a campaign ("facile à lire et à comprendre", FALC; issue #12,
 * ADR 0033): a few short sentences for readers who find the summary and the story hard going,
 * shown first on the page. Optional at every status: a campaign without one reads as before.
 */

export const PLAIN_LANGUAGE_SUMMARY = { max: 600, required: false } as const;

/**
 * The text as stored: trimmed, at most 600 characters once trimmed, or `null` for none. Blank
 * text is none rather than a mistake, so a form sent back with the field emptied removes it.
 * The FALC guidance (short sentences, everyday words) is for people to follow: a rule on
 * sentence length would refuse honest French and let jargon through.
 */
export const plainLanguageSummary = (value: unknown): string | null => {
  if (value === null) return null;
  if (typeof value !== 'string') throw invalid('plainLanguageSummary', 'must be a string or null');
  const trimmed = value.trim();
  return trimmed === '' ? null : text('plainLanguageSummary', trimmed, PLAIN_LANGUAGE_SUMMARY);
};
