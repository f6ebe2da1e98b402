import type { CampaignView } from '../../elan-api';
import { html, type Html } from '../../html';
import { HOLDER_PATHS } from '../../routes/holder-paths';
import { csrfField, errorSummary, inputField, NO_ERRORS, textareaField, type FieldErrors } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import { canAddStretchGoals, canRemoveStretchGoals } from './campaign-rules';

export interface StretchGoalsView {
  readonly campaign: CampaignView;
  readonly values: { readonly amount: string; readonly description: string };
  readonly errors?: FieldErrors;
  readonly problem?: string | undefined;
  /** What was just done, said at the top. */
  readonly notice?: string | undefined;
}

/**
 * The stretch goals: further amounts above the goal and what each brings, ascending. A draft's may
 * be removed; once approved, the existing ones are promises and new ones go above the last.
 */
export const stretchGoalsPage = (context: PageContext, view: StretchGoalsView): Html => {
  const { t, formats } = context;
  const { campaign } = view;
  const errors = view.errors ?? NO_ERRORS;
  const labels = { amount: t.t('holder.stretch.field.amount'), description: t.t('holder.stretch.field.description') };
  const path = HOLDER_PATHS.stretchGoals(campaign.campaignId);
  return layout(
    context,
    `${t.t('holder.stretch.title')} — ${campaign.title} — ${t.t('site.name')}`,
    html`<p class="back">
        <a href="${localHref(context, HOLDER_PATHS.campaign(campaign.campaignId))}"
          >${t.t('holder.backTo', { title: campaign.title })}</a
        >
      </p>
      <h1>${t.t('holder.stretch.title')}</h1>
      ${errorSummary(context, errors, labels, view.problem)}
      ${view.notice !== undefined && html`<p class="notice" role="status">${view.notice}</p>`}
      <p>${t.t('holder.stretch.intro')}</p>
      ${campaign.stretchGoals.length === 0
        ? html`<p>${t.t('holder.stretch.none')}</p>`
        : html`<ul class="holder-list">
            ${campaign.stretchGoals.map(
              (goal) =>
                html`<li>
                  <p><strong>${formats.money(goal.amount)}</strong> — ${goal.description}</p>
                  ${canRemoveStretchGoals(campaign.status) &&
                  html`<form class="inline" method="post" action="${localHref(context, `${path}/${goal.stretchGoalId}/delete`)}">
                    ${csrfField(context)}<button
                      type="submit"
                      class="secondary"
                      aria-label="${t.t('holder.stretch.deleteNamed', { amount: formats.money(goal.amount) })}"
                    >
                      ${t.t('holder.tier.delete')}
                    </button>
                  </form>`}
                </li>`,
            )}
          </ul>`}
      ${canAddStretchGoals(campaign.status) &&
      html`<h2>${t.t('holder.stretch.add')}</h2>
        <form method="post" action="${localHref(context, path)}" class="stacked" novalidate>
          ${csrfField(context)}
          ${inputField({
            name: 'amount',
            label: labels.amount,
            hint: t.t('holder.hint.euros'),
            value: view.values.amount,
            inputmode: 'decimal',
            required: true,
            error: errors.get('amount'),
          })}
          ${textareaField({
            name: 'description',
            label: labels.description,
            value: view.values.description,
            rows: 3,
            required: true,
            error: errors.get('description'),
          })}
          <button type="submit">${t.t('holder.stretch.addButton')}</button>
        </form>`}`,
  );
};
