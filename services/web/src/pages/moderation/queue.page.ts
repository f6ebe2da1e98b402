import { departementLabel } from '../../departements';
import { html, type Html } from '../../html';
import type { MessageKey } from '../../i18n/messages.fr';
import { PATHS } from '../../routes/paths';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import type { ChangedCampaign, ChangedCampaignsPage, SubmittedCampaign, SubmittedCampaignsPage } from './moderation-views';

/** What a moderator just did, said once on the page the form led back to (Post/Redirect/Get). */
export const MODERATION_DONE = ['approved', 'rejected', 'acknowledged', 'imageRefused'] as const;
export type ModerationDone = (typeof MODERATION_DONE)[number];

export interface ModerationQueueView {
  readonly queue: SubmittedCampaignsPage;
  readonly changed: ChangedCampaignsPage;
  /** The cursors this page was opened at, to keep one list where it was while paging the other. */
  readonly at: { readonly queue?: string | undefined; readonly changes?: string | undefined };
  readonly done?: ModerationDone | undefined;
}

/** A link to the queue page with these cursors. */
const queueHref = (context: PageContext, at: ModerationQueueView['at']): string => {
  const query = new URLSearchParams();
  if (at.queue) query.set('queue', at.queue);
  if (at.changes) query.set('changes', at.changes);
  const search = query.size > 0 ? `?${query}` : '';
  return `${localHref(context, PATHS.moderation)}${search}`;
};

const submittedItem = (context: PageContext, campaign: SubmittedCampaign): Html => {
  const { t, formats } = context;
  return html`<li>
    <h3><a href="${localHref(context, PATHS.moderationReview(campaign.campaignId))}">${campaign.title}</a></h3>
    <p>${campaign.summary}</p>
    <p class="meta">
      ${campaign.submittedAt !== null && t.t('moderation.queue.submitted', { date: formats.dateTime(campaign.submittedAt) })} ·
      ${t.t(`category.${campaign.category}`)} · ${departementLabel(campaign.departement)}
      ${campaign.goal !== null && html`· ${t.t('moderation.queue.goal', { goal: formats.money(campaign.goal) })}`}
    </p>
  </li>`;
};

/** "titre, image" — what changed, in the page's words. */
export const changedPartsOf = (context: PageContext, item: Pick<ChangedCampaign, 'changedParts'>): string =>
  item.changedParts.map((part) => context.t.t(`moderation.part.${part}` as MessageKey)).join(', ');

const changedItem = (context: PageContext, item: ChangedCampaign): Html => {
  const { t, formats } = context;
  return html`<li>
    <h3><a href="${localHref(context, PATHS.moderationChanges(item.campaignId))}">${item.title}</a></h3>
    <p class="meta">${t.t('moderation.changed.since', { date: formats.dateTime(item.changedSince) })}</p>
    <p>${t.t('moderation.changed.parts', { parts: changedPartsOf(context, item) })}</p>
    ${item.pendingImageUrl !== null && html`<p><strong>${t.t('moderation.changed.pendingImage')}</strong></p>`}
  </li>`;
};

/**
 * The moderators' page (issue #12): the review queue, longest waiting first, then the campaigns
 * changed since approval (ADR 0012), each list paged on its own.
 */
export const moderationQueuePage = (context: PageContext, view: ModerationQueueView): Html => {
  const { t } = context;
  const { queue, changed, at } = view;
  return layout(
    context,
    t.t('moderation.pageTitle'),
    html`<h1>${t.t('moderation.title')}</h1>
      ${view.done !== undefined && html`<p class="notice" role="status">${t.t(`moderation.done.${view.done}`)}</p>`}
      <p>${t.t('moderation.intro')}</p>
      <section aria-labelledby="queue">
        <h2 id="queue">${t.t('moderation.queue.heading')}</h2>
        ${queue.items.length === 0
          ? html`<p>${t.t('moderation.queue.empty')}</p>`
          : html`<ul class="review-list">
              ${queue.items.map((campaign) => submittedItem(context, campaign))}
            </ul>`}
        ${(queue.nextCursor !== null || at.queue !== undefined) &&
        html`<nav class="pagination" aria-label="${t.t('moderation.queue.heading')}">
          <ul>
            ${at.queue !== undefined &&
            html`<li><a href="${queueHref(context, { changes: at.changes })}">${t.t('moderation.queue.first')}</a></li>`}
            ${queue.nextCursor !== null &&
            html`<li>
              <a href="${queueHref(context, { queue: queue.nextCursor, changes: at.changes })}"
                >${t.t('moderation.queue.next')}</a
              >
            </li>`}
          </ul>
        </nav>`}
      </section>
      <section aria-labelledby="changed">
        <h2 id="changed">${t.t('moderation.changed.heading')}</h2>
        ${changed.items.length === 0
          ? html`<p>${t.t('moderation.changed.empty')}</p>`
          : html`<ul class="review-list">
              ${changed.items.map((item) => changedItem(context, item))}
            </ul>`}
        ${changed.nextCursor !== null &&
        html`<p>
          <a href="${queueHref(context, { queue: at.queue, changes: changed.nextCursor })}">${t.t('moderation.changed.next')}</a>
        </p>`}
      </section>`,
  );
};
