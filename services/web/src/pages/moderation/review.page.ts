import type { CampaignView } from '../../elan-api';
import { html, type Html } from '../../html';
import { PATHS } from '../../routes/paths';
import { campaignArticle } from '../campaign.page';
import { csrfField, errorSummary, NO_ERRORS, textareaField, type FieldErrors } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';

/** What the campaign service accepts as a reason (campaign-lifecycle.decide.ts): said in the hint, checked by the API. */
export const REASON_MAX_LENGTH = 2_000;

/** What a moderator weighs before deciding: the platform's rules in a few lines. */
const CHECKS = [
  'moderation.check.honest',
  'moderation.check.goal',
  'moderation.check.tiers',
  'moderation.check.place',
  'moderation.check.image',
  'moderation.check.law',
] as const;

/** The reject form, on the review page and again, with its errors, on its own page. */
const rejectForm = (context: PageContext, campaign: CampaignView, reason: string, errors: FieldErrors): Html => {
  const { t } = context;
  return html`<form method="post" action="${localHref(context, PATHS.moderationReject(campaign.campaignId))}" class="stacked">
    ${csrfField(context)}
    ${textareaField({
      name: 'reason',
      label: t.t('moderation.reject.reason'),
      hint: t.t('moderation.reject.hint'),
      value: reason,
      required: true,
      maxlength: REASON_MAX_LENGTH,
      error: errors.get('reason'),
    })}
    <button type="submit" class="refuse">${t.t('moderation.reject.submit')}</button>
  </form>`;
};

/**
 * A submitted campaign to review (issue #12): the page as the public will read it, then what to
 * check and the decision — approve, or reject with a reason its holder reads. `refused`: why the
 * API refused the approval just asked.
 */
export const reviewPage = (context: PageContext, campaign: CampaignView, refused?: string): Html => {
  const { t, formats } = context;
  // A refusal of the approval is said first; the page's one h1 is the campaign's title, in its article.
  const main = html`<p class="back"><a href="${localHref(context, PATHS.moderation)}">${t.t('moderation.review.back')}</a></p>
    ${refused !== undefined && html`<p class="error-summary" role="alert">${refused}</p>`}
    <p class="notice">${t.t('moderation.review.notice')}</p>
    ${campaignArticle(context, campaign, { available: true, page: { items: [], nextCursor: null } })}
    <section class="decision" aria-labelledby="decision">
      <h2 id="decision">${t.t('moderation.review.heading')}</h2>
      ${campaign.submittedAt !== null &&
      html`<p>${t.t('moderation.review.submitted', { date: formats.dateTime(campaign.submittedAt) })}</p>`}
      <h3>${t.t('moderation.review.checklist')}</h3>
      <ul class="checklist">
        ${CHECKS.map((key) => html`<li>${t.t(key)}</li>`)}
      </ul>
      <form method="post" action="${localHref(context, PATHS.moderationApprove(campaign.campaignId))}">
        ${csrfField(context)}
        <button type="submit">${t.t('moderation.approve.submit')}</button>
      </form>
      ${rejectForm(context, campaign, '', NO_ERRORS)}
    </section>`;
  return layout(context, t.t('moderation.review.pageTitle', { title: campaign.title }), main);
};

export interface RejectForm {
  readonly reason: string;
  readonly errors: FieldErrors;
  /** What the API said that is not about the reason (the campaign was decided meanwhile…). */
  readonly general?: string | undefined;
}

/** The reject form again, with what was wrong, on a page of its own so the errors come first. */
export const rejectPage = (context: PageContext, campaign: CampaignView, form: RejectForm): Html => {
  const { t } = context;
  return layout(
    context,
    t.t('moderation.reject.pageTitle', { title: campaign.title }),
    html`<p class="back">
        <a href="${localHref(context, PATHS.moderationReview(campaign.campaignId))}">${t.t('moderation.reject.back')}</a>
      </p>
      <h1>${t.t('moderation.reject.title', { title: campaign.title })}</h1>
      ${errorSummary(context, form.errors, { reason: t.t('moderation.reject.reason') }, form.general)}
      ${rejectForm(context, campaign, form.reason, form.errors)}`,
  );
};
