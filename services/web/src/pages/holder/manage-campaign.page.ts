import type { CampaignView } from '../../elan-api';
import { html, type Html } from '../../html';
import { PATHS } from '../../routes/paths';
import { HOLDER_PATHS } from '../../routes/holder-paths';
import { csrfField } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import {
  canAddTiers,
  canCloseTiers,
  canEditTiers,
  canPostUpdates,
  canRemoveTiers,
  canSubmit,
  editModeOf,
  hasMoney,
  isPublic,
} from './campaign-rules';
import { nextStep } from './next-step';

export interface ManageCampaignView {
  readonly campaign: CampaignView;
  /** Why a submission or a tier's action was refused, said at the top. */
  readonly problem?: string | undefined;
  /** What was just done, said at the top. */
  readonly notice?: string | undefined;
}

/** The checks moderators make before approving (ADR 0010), told before the holder submits. */
const MODERATION_CHECKS = [
  'holder.submit.check.complete',
  'holder.submit.check.dates',
  'holder.submit.check.honest',
  'holder.submit.check.rewards',
  'holder.submit.check.law',
] as const;

/** A button that POSTs to one of the campaign's actions, with the CSRF token. */
const actionButton = (context: PageContext, path: string, label: string, accessibleName: string, secondary = true): Html =>
  html`<form class="inline" method="post" action="${localHref(context, path)}">
    ${csrfField(context)}<button type="submit" ${secondary && html` class="secondary"`} aria-label="${accessibleName}">
      ${label}
    </button>
  </form>`;

const tiersSection = (context: PageContext, campaign: CampaignView): Html => {
  const { t, formats } = context;
  const id = campaign.campaignId;
  return html`<section aria-labelledby="holder-tiers">
    <h2 id="holder-tiers">${t.t('campaign.tiers.heading')}</h2>
    ${campaign.tiers.length === 0
      ? html`<p>${t.t('campaign.tiers.none')}</p>`
      : html`<ul class="holder-list">
          ${campaign.tiers.map(
            (tier) =>
              html`<li>
                <p>
                  <strong>${tier.title}</strong> — ${t.t('campaign.tier.from', { amount: formats.money(tier.minimumAmount) })} —
                  ${tier.quantityLimit === null
                    ? t.t('campaign.tier.unlimited')
                    : t.t('holder.tier.taken', {
                        taken: formats.count(tier.unitsTaken),
                        limit: formats.count(tier.quantityLimit),
                      })}
                  ${tier.status === 'closed' && html`— ${t.t('campaign.tier.closed')}`}
                </p>
                <div class="actions">
                  ${canEditTiers(campaign.status) &&
                  html`<a href="${localHref(context, HOLDER_PATHS.tier(id, tier.tierId))}"
                    >${t.t('holder.tier.edit')}<span class="visually-hidden"> ${tier.title}</span></a
                  >`}
                  ${canRemoveTiers(campaign.status) &&
                  actionButton(
                    context,
                    `${HOLDER_PATHS.tier(id, tier.tierId)}/delete`,
                    t.t('holder.tier.delete'),
                    t.t('holder.tier.deleteNamed', { title: tier.title }),
                  )}
                  ${canCloseTiers(campaign.status) &&
                  tier.status === 'open' &&
                  actionButton(
                    context,
                    `${HOLDER_PATHS.tier(id, tier.tierId)}/close`,
                    t.t('holder.tier.close'),
                    t.t('holder.tier.closeNamed', { title: tier.title }),
                  )}
                </div>
              </li>`,
          )}
        </ul>`}
    ${canAddTiers(campaign.status) &&
    html`<p><a href="${localHref(context, HOLDER_PATHS.newTier(id))}">${t.t('holder.tier.add')}</a></p>`}
  </section>`;
};

const submitSection = (context: PageContext, campaign: CampaignView): Html | false => {
  const { t } = context;
  return (
    canSubmit(campaign.status) &&
    html`<section aria-labelledby="holder-submit">
      <h2 id="holder-submit">${t.t('holder.submit.heading')}</h2>
      <p>${t.t('holder.submit.intro')}</p>
      <ul>
        ${MODERATION_CHECKS.map((key) => html`<li>${t.t(key)}</li>`)}
      </ul>
      <form method="post" action="${localHref(context, HOLDER_PATHS.submit(campaign.campaignId))}">
        ${csrfField(context)}<button type="submit">${t.t('holder.submit.button')}</button>
      </form>
    </section>`
  );
};

const updatesSection = (context: PageContext, campaign: CampaignView): Html | false => {
  const { t, formats } = context;
  return (
    canPostUpdates(campaign.status) &&
    html`<section aria-labelledby="holder-updates">
      <h2 id="holder-updates">${t.t('campaign.updates.heading')}</h2>
      ${campaign.updates.length === 0
        ? html`<p>${t.t('campaign.updates.none')}</p>`
        : html`<ul class="holder-list">
            ${campaign.updates.map(
              (update) =>
                html`<li>
                  <strong>${update.title}</strong> —
                  <time datetime="${update.postedAt}">${formats.date(update.postedAt)}</time>
                </li>`,
            )}
          </ul>`}
      <p><a href="${localHref(context, HOLDER_PATHS.updates(campaign.campaignId))}">${t.t('holder.update.post')}</a></p>
    </section>`
  );
};

/**
 * One campaign as its holder manages it: where it stands and what to do next, the links to edit,
 * preview, its stretch goals, backers and statements, its tiers with their actions, the
 * submission with what moderators check, and its updates.
 */
export const manageCampaignPage = (context: PageContext, view: ManageCampaignView): Html => {
  const { t } = context;
  const { campaign } = view;
  const id = campaign.campaignId;
  const link = (path: string, label: string) => html`<li><a href="${localHref(context, path)}">${label}</a></li>`;
  return layout(
    context,
    t.t('holder.manage.pageTitle', { title: campaign.title }),
    html`<p class="back"><a href="${localHref(context, HOLDER_PATHS.campaigns)}">${t.t('holder.backToList')}</a></p>
      <h1>${campaign.title}</h1>
      ${view.problem !== undefined && html`<div class="error-summary" role="alert"><p>${view.problem}</p></div>`}
      ${view.notice !== undefined && html`<p class="notice" role="status">${view.notice}</p>`}
      <dl class="facts">
        <div>
          <dt>${t.t('campaign.status')}</dt>
          <dd>${t.t(`status.${campaign.status}`)}</dd>
        </div>
      </dl>
      <p class="next-step"><strong>${t.t('holder.nextStep')}</strong> ${nextStep(context, campaign)}</p>
      ${campaign.pendingImageUrl !== null && html`<p>${t.t('holder.image.pending')}</p>`}
      ${campaign.imageRefusal !== null && html`<p>${t.t('holder.image.refused', { reason: campaign.imageRefusal.reason })}</p>`}
      <nav aria-label="${t.t('holder.manage.links')}">
        <ul class="holder-links">
          ${editModeOf(campaign.status) !== undefined && link(HOLDER_PATHS.edit(id), t.t('holder.manage.edit'))}
          ${link(HOLDER_PATHS.preview(id), t.t('holder.manage.preview'))}
          ${isPublic(campaign.status) && link(PATHS.campaign(id), t.t('holder.manage.public'))}
          ${link(HOLDER_PATHS.stretchGoals(id), t.t('holder.manage.stretchGoals'))}
          ${hasMoney(campaign.status) && link(HOLDER_PATHS.backers(id), t.t('holder.manage.backers'))}
          ${hasMoney(campaign.status) && link(HOLDER_PATHS.payouts(id), t.t('holder.manage.payouts'))}
        </ul>
      </nav>
      ${tiersSection(context, campaign)} ${submitSection(context, campaign)} ${updatesSection(context, campaign)}`,
  );
};
