import { createHash } from 'node:crypto';
import type { PledgeReceipt } from '@elan/contracts';
import { decimalAmount } from './backers-csv';

/** Every character that could end a text node or an attribute value. */
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);

/** The page's only style, inline: a receipt prints without fetching anything. */
const STYLE = [
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111}',
  'table{width:100%;border-collapse:collapse}td,th{padding:.4rem;border-bottom:1px solid #ccc;text-align:left}',
  '.amount{text-align:right;white-space:nowrap}.total td{font-weight:bold}',
  '.statement{margin-top:1.5rem;padding:.8rem;border:1px solid #111}',
  '.facts{font-size:.85rem}code{word-break:break-all}',
  '@media print{body{margin:0}}',
].join('');

/**
 * What a static page needs and nothing more: no script, no request of any kind, no frame, no
 * form; its one `<style>` allowed by its hash rather than by `'unsafe-inline'`.
 */
export const RECEIPT_PAGE_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const shownMoney = (money: { amount: number; currency: string }): string =>
  `${decimalAmount(money.amount, money.currency)} ${money.currency}`;

const row = (label: string, money: { amount: number; currency: string }, className = ''): string =>
  `<tr${className ? ` class="${className}"` : ''}><td>${escapeHtml(label)}</td><td class="amount">${escapeHtml(shownMoney(money))}</td></tr>`;

const refundSection = (refund: NonNullable<PledgeReceipt['refund']>): string =>
  [
    '<h2>Refund</h2>',
    `<p>Refunded on ${escapeHtml(refund.refundedAt)}.</p>`,
    '<table>',
    row('Pledge refunded', refund.pledge),
    row('Tip refunded', refund.tip),
    row('Total refunded', refund.total, 'total'),
    '</table>',
  ].join('');

/** Where the receipt's facts stand in the hash-chained log, and how anyone checks them against a signed checkpoint. */
const factsSection = ({ streamId, position, hash }: PledgeReceipt['facts']): string => {
  const fact = escapeHtml(`${streamId}:${position}:${hash}`);
  return (
    `<p class="facts">These facts are event ${position} of the stream <code>${escapeHtml(streamId)}</code>, ` +
    `hash <code>${escapeHtml(hash)}</code>. Check them against a signed checkpoint: ` +
    `<code>npm run verify-ledger -- &lt;base URL&gt; --fact ${fact}</code></p>`
  );
};

/** The printable receipt: every value from the receipt escaped, the pledge and the tip on lines of their own. */
export const receiptPage = (receipt: PledgeReceipt): string =>
  [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>Receipt ${escapeHtml(receipt.receiptNumber)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    '<h1>Receipt</h1>',
    `<p>Receipt number: <strong>${escapeHtml(receipt.receiptNumber)}</strong></p>`,
    `<p>Campaign: ${escapeHtml(receipt.campaign.title)}</p>`,
    `<p>Paid on ${escapeHtml(receipt.paidAt)}</p>`,
    `<p>Contributor: ${escapeHtml(receipt.contributor.name ?? '')} &lt;${escapeHtml(receipt.contributor.email ?? '')}&gt;</p>`,
    '<table><thead><tr><th>Line</th><th class="amount">Amount</th></tr></thead><tbody>',
    ...receipt.lines.map((line) => row(line.description, line.amount)),
    row('Total charged', receipt.total, 'total'),
    '</tbody></table>',
    receipt.refund ? refundSection(receipt.refund) : '',
    `<div class="statement"><p>${escapeHtml(receipt.statement.en)}</p>`,
    `<p lang="fr">${escapeHtml(receipt.statement.fr)}</p></div>`,
    factsSection(receipt.facts),
    '</body></html>',
  ].join('\n');
