import { html, type Html } from '../../html';
import { PATHS } from '../../routes/paths';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import type { UnpaidStatement, UnpaidStatements } from './moderation-views';

/** Why a statement is not paid: its transfer's last failure, or what its payout account waits for. */
const whyUnpaid = (context: PageContext, statement: UnpaidStatement): Html => {
  const { t, formats } = context;
  const { lastFailure, nextAttemptAt } = statement.transfer;
  if (lastFailure !== null)
    return html`${t.t('admin.payouts.failure', { code: lastFailure.code, reason: lastFailure.reason })}
    ${nextAttemptAt !== null && t.t('admin.payouts.nextAttempt', { date: formats.dateTime(nextAttemptAt) })}`;
  if (statement.waitingFor !== null)
    return html`${t.t('admin.payouts.waiting', {
      reason: statement.waitingFor.reason,
      date: formats.dateTime(statement.waitingFor.since),
    })}`;
  return html`${t.t('admin.payouts.nothing')}`;
};

/** The statements not paid yet, across campaigns, oldest drawn first (issue #11's "shown to admins"). */
export const unpaidPage = (context: PageContext, unpaid: UnpaidStatements): Html => {
  const { t, formats } = context;
  const { statements, total } = unpaid;
  return layout(
    context,
    t.t('admin.payouts.pageTitle'),
    html`<p class="back"><a href="${localHref(context, PATHS.admin)}">${t.t('admin.report.back')}</a></p>
      <h1>${t.t('admin.payouts.title')}</h1>
      ${statements.length === 0
        ? html`<p>${t.t('admin.payouts.empty')}</p>`
        : html`<p>${t.t('admin.payouts.shown', { shown: formats.count(statements.length), total: formats.count(total) })}</p>
            <div class="table-scroll">
              <table>
                <caption>
                  ${t.t('admin.payouts.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t.t('admin.payouts.campaign')}</th>
                    <th scope="col">${t.t('admin.payouts.statement')}</th>
                    <th scope="col">${t.t('admin.payouts.drawn')}</th>
                    <th scope="col">${t.t('admin.payouts.netDue')}</th>
                    <th scope="col">${t.t('admin.payouts.status')}</th>
                    <th scope="col">${t.t('admin.payouts.why')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${statements.map(
                    (statement) =>
                      html`<tr>
                        <td>
                          <a href="${localHref(context, PATHS.campaign(statement.campaignId))}">${statement.campaignId}</a>
                        </td>
                        <td>${t.t('admin.payouts.sequence', { sequence: statement.sequence })}</td>
                        <td>${formats.date(statement.drawnAt)}</td>
                        <td class="amount">${formats.money(statement.lines.netDue)}</td>
                        <td>${statement.status === 'paid' ? statement.status : t.t(`admin.statement.${statement.status}`)}</td>
                        <td>${whyUnpaid(context, statement)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}`,
  );
};
