import type { CampaignView } from '../../elan-api';
import { html, type Html } from '../../html';
import { PATHS } from '../../routes/paths';
import { csrfField, errorSummary, NO_ERRORS, textareaField, type FieldErrors } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import { paragraphs } from '../paragraphs';
import type { ChangedCampaign } from './moderation-views';
import { changedPartsOf } from './queue.page';
import { REASON_MAX_LENGTH } from './review.page';

/** The cover's box, as on the campaign page: its size known before the image arrives. */
const IMAGE = { width: 600, height: 338 } as const;

export interface RefuseImageForm {
  readonly reason: string;
  readonly errors: FieldErrors;
  readonly general?: string | undefined;
}
const EMPTY_FORM: RefuseImageForm = { reason: '', errors: NO_ERRORS };

const WORDS = ['title', 'summary', 'story'] as const;

/** One text as last reviewed and as it is now, side by side in reading order. */
const wordsCompared = (context: PageContext, item: ChangedCampaign, campaign: CampaignView): Html => {
  const { t } = context;
  const now: Readonly<Record<(typeof WORDS)[number], string>> = {
    title: campaign.title,
    summary: campaign.summary,
    story: campaign.story,
  };
  return html`${WORDS.map((part) => {
    const reviewed = item.reviewed[part];
    const changed = item.changedParts.includes(part);
    return html`<h3>${t.t(`moderation.part.${part}`)}</h3>
      ${changed
        ? html`<div class="compare">
            <div>
              <h4>${t.t('moderation.changes.reviewed')}</h4>
              ${reviewed === null || reviewed === '' ? html`<p>${t.t('moderation.changes.none')}</p>` : paragraphs(reviewed)}
            </div>
            <div>
              <h4>${t.t('moderation.changes.now')}</h4>
              ${paragraphs(now[part])}
            </div>
          </div>`
        : html`<p>${t.t('moderation.changes.unchanged')}</p>`}`;
  })}`;
};

const image = (context: PageContext, url: string | null, alt: string): Html =>
  url === null
    ? html`<p>${context.t.t('moderation.changes.noImage')}</p>`
    : html`<img class="review-image" src="${url}" alt="${alt}" width="${IMAGE.width}" height="${IMAGE.height}" />`;

/**
 * A campaign changed since a moderator last read it (ADR 0012): what changed, the words as
 * reviewed and as they are now, the image shown and the one proposed; acknowledge the changes
 * (a new image is then shown), or refuse the new image with a reason its holder reads.
 */
export const changesPage = (
  context: PageContext,
  item: ChangedCampaign,
  campaign: CampaignView,
  form: RefuseImageForm = EMPTY_FORM,
): Html => {
  const { t, formats } = context;
  const campaignId = item.campaignId;
  return layout(
    context,
    t.t('moderation.changes.pageTitle', { title: item.title }),
    html`<p class="back"><a href="${localHref(context, PATHS.moderation)}">${t.t('moderation.review.back')}</a></p>
      <h1>${t.t('moderation.changes.title', { title: item.title })}</h1>
      ${errorSummary(context, form.errors, { reason: t.t('moderation.refuseImage.reason') }, form.general)}
      <p>
        ${t.t('moderation.changes.intro', {
          since: formats.dateTime(item.changedSince),
          last: formats.dateTime(item.lastChangedAt),
        })}
      </p>
      <p>${t.t('moderation.changed.parts', { parts: changedPartsOf(context, item) })}</p>
      <p><a href="${localHref(context, PATHS.campaign(campaignId))}">${t.t('moderation.changes.publicPage')}</a></p>
      <section aria-labelledby="words">
        <h2 id="words">${t.t('moderation.changes.words')}</h2>
        ${wordsCompared(context, item, campaign)}
        <p>${t.t('moderation.changes.other')}</p>
      </section>
      <section aria-labelledby="images">
        <h2 id="images">${t.t('moderation.changes.images')}</h2>
        <div class="compare">
          <div>
            <h3>${t.t('moderation.changes.shown')}</h3>
            ${image(context, item.imageUrl, t.t('moderation.changes.shownAlt'))}
          </div>
          ${item.pendingImageUrl !== null &&
          html`<div>
            <h3>${t.t('moderation.changes.pending')}</h3>
            ${image(context, item.pendingImageUrl, t.t('moderation.changes.pendingAlt'))}
          </div>`}
        </div>
      </section>
      <section class="decision" aria-labelledby="acknowledge">
        <h2 id="acknowledge">${t.t('moderation.acknowledge.heading')}</h2>
        <p>${t.t('moderation.acknowledge.explain')}</p>
        <form method="post" action="${localHref(context, PATHS.moderationAcknowledge(campaignId))}">
          ${csrfField(context)}
          <input type="hidden" name="version" value="${item.version}" />
          <button type="submit">${t.t('moderation.acknowledge.submit')}</button>
        </form>
      </section>
      ${item.pendingImageUrl !== null &&
      html`<section class="decision" aria-labelledby="refuse-image">
        <h2 id="refuse-image">${t.t('moderation.refuseImage.heading')}</h2>
        <form method="post" action="${localHref(context, PATHS.moderationRefuseImage(campaignId))}" class="stacked">
          ${csrfField(context)}
          <input type="hidden" name="version" value="${item.version}" />
          ${textareaField({
            name: 'reason',
            label: t.t('moderation.refuseImage.reason'),
            hint: t.t('moderation.refuseImage.hint'),
            value: form.reason,
            required: true,
            maxlength: REASON_MAX_LENGTH,
            error: form.errors.get('reason'),
          })}
          <button type="submit" class="refuse">${t.t('moderation.refuseImage.submit')}</button>
        </form>
      </section>`}`,
  );
};
