import type { PledgeReceipt } from '@elan/contracts';
import { html, type Html } from '../../html';
import { PATHS } from '../../routes/paths';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';

/**
 * The API's receipt of a paid pledge, in the page's language: the pledge and the tip as separate
 * lines, the total, when it was paid, a refund if any, the platform's statement, and where its
 * facts stand in the public ledger (to check against a signed checkpoint).
 */
export const receiptPage = (context: PageContext, receipt: PledgeReceipt, guestToken?: string): Html => {
  const { t, formats, locale } = context;
  const back = `${localHref(context, PATHS.pledge(receipt.pledgeId))}${
    guestToken === undefined ? '' : `?${new URLSearchParams({ token: guestToken })}`
  }`;
  return layout(
    context,
    t.t('receipt.pageTitle'),
    html`<h1>${t.t('receipt.title')}</h1>
      <p>${t.t('receipt.number', { number: receipt.receiptNumber })}</p>
      <p>
        <a href="${localHref(context, PATHS.campaign(receipt.campaign.campaignId))}">${receipt.campaign.title}</a>
      </p>
      <dl class="lines">
        ${receipt.lines.map(
          (line) =>
            html`<div>
              <dt>${t.t(line.kind === 'pledge' ? 'pledgePage.line.pledge' : 'pledgePage.line.tip')}</dt>
              <dd>${formats.money(line.amount)}</dd>
            </div>`,
        )}
        <div class="total">
          <dt>${t.t('pledgePage.line.total')}</dt>
          <dd>${formats.money(receipt.total)}</dd>
        </div>
        <div>
          <dt>${t.t('receipt.paidAt')}</dt>
          <dd><time datetime="${receipt.paidAt}">${formats.dateTime(receipt.paidAt)}</time></dd>
        </div>
      </dl>
      ${receipt.refund !== null &&
      html`<p>
        ${t.t('receipt.refund', {
          date: formats.dateTime(receipt.refund.refundedAt),
          total: formats.money(receipt.refund.total),
        })}
      </p>`}
      <p>${receipt.statement[locale]}</p>
      <p class="hint">
        ${t.t('receipt.facts', {
          stream: receipt.facts.streamId,
          position: receipt.facts.position,
          hash: receipt.facts.hash,
        })}
      </p>
      <p><a href="${back}">${t.t('receipt.back')}</a></p>`,
  );
};
