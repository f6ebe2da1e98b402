import type { MailLanguage } from '@elan/contracts';

/** What a mail says, once: the text and the HTML bodies are both built from it. */
export type MailBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  /** Label and value side by side: each sum on a line of its own (a pledge and its tip are never one line). */
  | { readonly kind: 'lines'; readonly lines: readonly { readonly label: string; readonly value: string }[] }
  | { readonly kind: 'link'; readonly label: string; readonly url: string };

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** French puts a space before the colon, English does not. */
const COLON: Record<MailLanguage, string> = { fr: ' : ', en: ': ' };

const textOf = (block: MailBlock, colon: string): string => {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'lines':
      return block.lines.map(({ label, value }) => `${label}${colon}${value}`).join('\n');
    case 'link':
      return `${block.label}${colon}${block.url}`;
  }
};

const htmlOf = (block: MailBlock): string => {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escape(block.text)}</p>`;
    case 'lines':
      return (
        '<table role="presentation" style="border-collapse:collapse">' +
        block.lines
          .map(
            ({ label, value }) =>
              `<tr><td style="padding:4px 16px 4px 0">${escape(label)}</td>` +
              `<td style="padding:4px 0;text-align:right;white-space:nowrap"><strong>${escape(value)}</strong></td></tr>`,
          )
          .join('') +
        '</table>'
      );
    case 'link':
      return `<p><a href="${escape(block.url)}">${escape(block.label)}</a></p>`;
  }
};

/** Both bodies of one mail from its blocks; every value in the HTML is escaped. */
export const layOut = (language: MailLanguage, subject: string, blocks: readonly MailBlock[]): RenderedMail => ({
  subject,
  text: `${blocks.map((block) => textOf(block, COLON[language])).join('\n\n')}\n`,
  html:
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:36rem">` +
    `${blocks.map(htmlOf).join('\n')}</body></html>`,
});
