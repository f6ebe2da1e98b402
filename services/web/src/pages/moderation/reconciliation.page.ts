import { html, type Html } from '../../html';
import { PATHS } from '../../routes/paths';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import { runReconciliationForm } from './admin.page';
import type { ReconciliationMismatch, ReconciliationReport } from './moderation-views';

type Run = NonNullable<ReconciliationReport['run']>;

const CHECKED = [
  'campaigns',
  'pledges',
  'tips',
  'payments',
  'refunds',
  'transfers',
  'balanceTransactions',
  'statements',
  'eventsVerified',
] as const satisfies readonly (keyof Run['checked'])[];

const TOTALS = [
  'pledgesCollected',
  'pledgesRefunded',
  'tipsCollected',
  'tipsRefunded',
  'transferred',
  'awaitingTransfer',
  'stillDue',
  'outstandingAdvances',
  'feesBorne',
] as const satisfies readonly (keyof Run['totals'][number])[];

/** The open mismatches, the longest open first: the ones that waited most for someone to look. */
const longestOpenFirst = (mismatches: readonly ReconciliationMismatch[]): ReconciliationMismatch[] =>
  [...mismatches].sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt) || a.key.localeCompare(b.key));

const mismatchItem = (context: PageContext, mismatch: ReconciliationMismatch): Html => {
  const { t, formats } = context;
  return html`<li class="mismatch">
    <h3>${t.t(`admin.mismatch.${mismatch.kind}`)}</h3>
    <p>${mismatch.detail}</p>
    <dl class="facts">
      <div>
        <dt>${t.t('admin.report.about')}</dt>
        <dd><code>${mismatch.key}</code></dd>
      </div>
      ${mismatch.campaignId !== null &&
      html`<div>
        <dt>${t.t('admin.report.campaign')}</dt>
        <dd><a href="${localHref(context, PATHS.campaign(mismatch.campaignId))}">${mismatch.campaignId}</a></dd>
      </div>`}
      ${mismatch.expected !== null &&
      html`<div>
        <dt>${t.t('admin.report.expected')}</dt>
        <dd>${formats.money(mismatch.expected)}</dd>
      </div>`}
      ${mismatch.actual !== null &&
      html`<div>
        <dt>${t.t('admin.report.actual')}</dt>
        <dd>${formats.money(mismatch.actual)}</dd>
      </div>`}
    </dl>
    ${mismatch.stripeObjects.length > 0 &&
    html`<p class="meta">${t.t('admin.report.stripe', { objects: mismatch.stripeObjects.join(', ') })}</p>`}
    <p class="meta">
      ${t.t('admin.report.seen', { first: formats.dateTime(mismatch.firstSeenAt), last: formats.dateTime(mismatch.lastSeenAt) })}
    </p>
  </li>`;
};

const runDetails = (context: PageContext, run: Run): Html => {
  const { t, formats } = context;
  return html`<section aria-labelledby="checked">
      <h2 id="checked">${t.t('admin.report.checked')}</h2>
      <dl class="facts">
        ${CHECKED.map(
          (name) =>
            html`<div>
              <dt>${t.t(`admin.report.checked.${name}`)}</dt>
              <dd>${formats.count(run.checked[name])}</dd>
            </div>`,
        )}
      </dl>
    </section>
    ${run.totals.map(
      (line) =>
        html`<section aria-labelledby="totals-${line.currency}">
          <h2 id="totals-${line.currency}">${t.t('admin.report.totals')} — ${line.currency}</h2>
          <dl class="facts">
            ${TOTALS.map(
              (name) =>
                html`<div>
                  <dt>${t.t(`admin.report.total.${name}`)}</dt>
                  <dd>${formats.money({ amount: line[name], currency: line.currency })}</dd>
                </div>`,
            )}
          </dl>
        </section>`,
    )}`;
};

/**
 * The reconciliation's report (ADR 0028): when it last ran, whether everything matches, the open
 * mismatches first (longest open first), then what was compared and the figures to the cent.
 */
export const reconciliationPage = (context: PageContext, report: ReconciliationReport): Html => {
  const { t, formats } = context;
  const { run } = report;
  const open = report.mismatches.length;
  return layout(
    context,
    t.t('admin.report.pageTitle'),
    html`<p class="back"><a href="${localHref(context, PATHS.admin)}">${t.t('admin.report.back')}</a></p>
      <h1>${t.t('admin.report.title')}</h1>
      ${run === null
        ? html`<p>${t.t('admin.reconciliation.never')}</p>`
        : html`<p>
              ${t.t('admin.report.ran', { started: formats.dateTime(run.startedAt), finished: formats.dateTime(run.finishedAt) })}
            </p>
            <p class="outcome ${open === 0 ? 'ok' : 'mismatches'}" role="status">
              <strong>${open === 0 ? t.t('admin.report.ok') : t.plural('admin.report.open', open, formats.count(open))}</strong>
            </p>`}
      ${open > 0 &&
      html`<section aria-labelledby="mismatches">
        <h2 id="mismatches">${t.t('admin.report.mismatches')}</h2>
        <ul class="review-list">
          ${longestOpenFirst(report.mismatches).map((mismatch) => mismatchItem(context, mismatch))}
        </ul>
      </section>`}
      ${runReconciliationForm(context)} ${run !== null && runDetails(context, run)}`,
  );
};
