import { createHash } from 'node:crypto';
import type { ReplyOf, requestPayout } from '@elan/contracts';
import { csvCell, decimalAmount } from '../pledges/backers-csv';
import { escapeHtml } from '../pledges/receipt-page';

export type Statement = ReplyOf<typeof requestPayout>;

/** The representation asked for: `?format=` first, else the Accept header, else JSON. */
export type PayoutsFormat = 'json' | 'csv' | 'html';

export const formatOf = (query: PayoutsFormat | undefined, accept: string | undefined): PayoutsFormat => {
  if (query) return query;
  const wanted = (accept ?? '').toLowerCase();
  if (wanted.includes('text/csv')) return 'csv';
  if (wanted.includes('text/html')) return 'html';
  return 'json';
};

const BYTE_ORDER_MARK = '\uFEFF';
const CRLF = '\r\n';

export const STATEMENTS_CSV_HEADER = [
  'statement_id',
  'campaign_id',
  'sequence',
  'drawn_at',
  'status',
  'currency',
  'pledges_collected_count',
  'pledges_collected',
  'pledges_refunded_count',
  'pledges_refunded',
  'refunds_already_netted',
  'previously_stated',
  'platform_advances',
  'advances_reversed',
  'net_due',
  'processing_fees_borne_by_platform',
  'transfer_id',
  'paid_at',
  'waiting_for',
  'fact',
] as const;

/** One row per statement, amounts in major units ("60.00") by string arithmetic on the integer, never a float. */
export const statementRecord = (s: Statement): string[] => {
  const currency = s.lines.netDue.currency;
  const amount = (m: { amount: number; currency: string }) => decimalAmount(m.amount, m.currency);
  return [
    s.statementId,
    s.campaignId,
    String(s.sequence),
    s.drawnAt,
    s.status,
    currency,
    String(s.lines.pledgesCollected.count),
    amount(s.lines.pledgesCollected.amount),
    String(s.lines.pledgesRefunded.count),
    amount(s.lines.pledgesRefunded.amount),
    amount(s.lines.refundsAlreadyNetted.amount),
    amount(s.lines.previouslyStated.amount),
    amount(s.lines.platformAdvances.amount),
    amount(s.lines.advancesReversed.amount),
    amount(s.lines.netDue),
    s.lines.processingFeesBorneByPlatform ? amount(s.lines.processingFeesBorneByPlatform) : '',
    s.transfer.transferId ?? '',
    s.transfer.paidAt ?? '',
    s.waitingFor?.reason ?? '',
    factOf(s),
  ];
};

/** The ledger fact a statement reports, as `npm run verify-ledger -- … --fact` takes it: `<stream>:<position>:<hash>`. */
export const factOf = (s: Statement): string => (s.facts ? `${s.facts.streamId}:${s.facts.position}:${s.facts.hash}` : '');

/** RFC 4180, UTF-8 with a byte order mark, cells defused against formulas (as the backers export). */
export const statementsCsv = (statements: readonly Statement[]): string =>
  BYTE_ORDER_MARK +
  [STATEMENTS_CSV_HEADER, ...statements.map(statementRecord)].map((cells) => cells.map(csvCell).join(',') + CRLF).join('');

const STYLE = [
  'body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111}',
  'table{width:100%;border-collapse:collapse;margin-bottom:1rem}td,th{padding:.4rem;border-bottom:1px solid #ccc;text-align:left}',
  '.amount{text-align:right;white-space:nowrap}.total td{font-weight:bold}.note{font-size:.9rem;color:#444}',
  'section{page-break-inside:avoid;margin-bottom:2rem}',
  '@media print{body{margin:0}}',
].join('');

/** No script, no request, no frame, no form; the one style allowed by its hash (as the receipt page). */
export const PAYOUTS_PAGE_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const shown = (m: { amount: number; currency: string }) => `${decimalAmount(m.amount, m.currency)} ${m.currency}`;
const row = (label: string, value: string, className = '') =>
  `<tr${className ? ` class="${className}"` : ''}><td>${escapeHtml(label)}</td><td class="amount">${escapeHtml(value)}</td></tr>`;

const section = (s: Statement): string =>
  [
    `<section><h2>Statement ${s.sequence} — ${escapeHtml(s.drawnAt)}</h2>`,
    `<p>Statement ${escapeHtml(s.statementId)}, campaign ${escapeHtml(s.campaignId)}: <strong>${escapeHtml(s.status)}</strong></p>`,
    '<table><tbody>',
    row(`Pledges collected (${s.lines.pledgesCollected.count})`, shown(s.lines.pledgesCollected.amount)),
    row(`Pledges refunded (${s.lines.pledgesRefunded.count})`, `− ${shown(s.lines.pledgesRefunded.amount)}`),
    row(`Previous statements (${s.lines.previouslyStated.count})`, `− ${shown(s.lines.previouslyStated.amount)}`),
    row(
      `Of the refunds, already netted by them (${s.lines.refundsAlreadyNetted.count})`,
      shown(s.lines.refundsAlreadyNetted.amount),
    ),
    row('Advances reversed', `+ ${shown(s.lines.advancesReversed.amount)}`),
    row('Net due: 100 % of the pledges', shown(s.lines.netDue), 'total'),
    '</tbody></table>',
    `<p class="note">Refunds after earlier statements advanced by the platform: ${escapeHtml(shown(s.lines.platformAdvances.amount))}. `,
    `Processing fees borne by the platform, not deducted: ${escapeHtml(
      s.lines.processingFeesBorneByPlatform ? shown(s.lines.processingFeesBorneByPlatform) : 'not known yet',
    )}. Tips are excluded: they are the platform’s.</p>`,
    `<p>Transfer: ${escapeHtml(s.transfer.transferId ?? 'not made yet')} (group ${escapeHtml(s.transfer.transferGroup)})${
      s.transfer.paidAt ? `, paid on ${escapeHtml(s.transfer.paidAt)}` : ''
    }.</p>`,
    s.waitingFor ? `<p><strong>Waiting:</strong> ${escapeHtml(s.waitingFor.reason)}</p>` : '',
    s.transfer.lastFailure
      ? `<p><strong>Last attempt failed:</strong> ${escapeHtml(s.transfer.lastFailure.code)} — ${escapeHtml(s.transfer.lastFailure.reason)}; retried ${escapeHtml(s.transfer.nextAttemptAt ?? 'soon')}.</p>`
      : '',
    `<p class="note">Covers the payout ledger ${escapeHtml(s.covers.streamId)} up to position ${s.covers.position}, hash ${escapeHtml(s.covers.hash)}.</p>`,
    s.facts
      ? `<p class="note">Drawn by the ledger fact ${escapeHtml(factOf(s))}: check it with <code>npm run verify-ledger -- &lt;Élan’s address&gt; --fact ${escapeHtml(factOf(s))}</code>.</p>`
      : '',
    '</section>',
  ].join('\n');

/** The printable page: every value escaped, one section per statement. */
export const statementsPage = (title: string, statements: readonly Statement[]): string =>
  [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    statements.length === 0 ? '<p>No statement yet.</p>' : '',
    ...statements.map(section),
    '</body></html>',
  ].join('\n');
