import { html, type Html } from '../../html';
import { PATHS } from '../../routes/paths';
import { csrfField } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import type { ReconciliationReport, UnpaidStatements } from './moderation-views';

/** The latest reconciliation in one sentence: never run, all matching, or how many mismatches are open. */
export const reconciliationSentence = (context: PageContext, report: ReconciliationReport): string => {
  const { t, formats } = context;
  if (report.run === null) return t.t('admin.reconciliation.never');
  const date = formats.dateTime(report.run.finishedAt);
  const open = report.mismatches.length;
  return open === 0
    ? t.t('admin.reconciliation.ok', { date })
    : t.plural('admin.reconciliation.mismatches', open, formats.count(open), { date });
};

/** The button that runs the reconciliation now (POST), then shows its report. */
export const runReconciliationForm = (context: PageContext): Html => {
  const { t } = context;
  return html`<form method="post" action="${localHref(context, PATHS.adminReconciliationRuns)}">
    ${csrfField(context)}
    <p class="hint">${t.t('admin.run.explain')}</p>
    <button type="submit">${t.t('admin.run.submit')}</button>
  </form>`;
};

/**
 * The admins' page (issue #12): where the reconciliation stands (and a button to run it), how
 * many statements wait to be paid, and the roles of accounts.
 */
export const adminPage = (context: PageContext, report: ReconciliationReport, unpaid: UnpaidStatements): Html => {
  const { t, formats } = context;
  return layout(
    context,
    t.t('admin.pageTitle'),
    html`<h1>${t.t('admin.title')}</h1>
      <section aria-labelledby="reconciliation">
        <h2 id="reconciliation">${t.t('admin.reconciliation.heading')}</h2>
        <p>${reconciliationSentence(context, report)}</p>
        <p><a href="${localHref(context, PATHS.adminReconciliation)}">${t.t('admin.reconciliation.see')}</a></p>
        ${runReconciliationForm(context)}
      </section>
      <section aria-labelledby="unpaid">
        <h2 id="unpaid">${t.t('admin.unpaid.heading')}</h2>
        <p>
          ${unpaid.total === 0
            ? t.t('admin.payouts.empty')
            : t.plural('admin.unpaid.count', unpaid.total, formats.count(unpaid.total))}
        </p>
        <p><a href="${localHref(context, PATHS.adminPayouts)}">${t.t('admin.unpaid.see')}</a></p>
      </section>
      <section aria-labelledby="roles">
        <h2 id="roles">${t.t('admin.roles.heading')}</h2>
        <p>${t.t('admin.roles.explain')}</p>
        <p><a href="${localHref(context, PATHS.adminAccounts)}">${t.t('admin.roles.see')}</a></p>
      </section>`,
  );
};
