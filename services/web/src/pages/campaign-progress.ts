import type { CampaignCard } from '../elan-api';
import { html, type Html } from '../html';
import type { PageContext } from './page-context';

/** The native progress bar, capped at its maximum: a campaign past its goal shows a full bar and its percentage in words. */
const progressBar = (context: PageContext, card: CampaignCard): Html | false =>
  card.goal !== null &&
  card.goal.amount > 0 &&
  html`<progress
    max="${card.goal.amount}"
    value="${Math.min(card.committed.amount, card.goal.amount)}"
    aria-label="${context.t.t('campaign.progress.label')}"
  >
    ${context.formats.percent(card.percentOfGoal ?? 0)}
  </progress>`;

/** "12 contributeurs" / "1 backer". */
export const backersOf = (context: PageContext, backers: number): string =>
  context.t.plural('backers', backers, context.formats.count(backers));

/**
 * Where a campaign stands in a few words, the same on its card and its page: pledged of the goal,
 * the bar with its percentage in words (never by the bar's colour alone), the backers.
 */
export const campaignProgress = (context: PageContext, card: CampaignCard, size: 'card' | 'page'): Html => {
  const { t, formats } = context;
  const committed = formats.money(card.committed);
  const amounts =
    card.goal === null
      ? committed
      : t.t(size === 'card' ? 'card.progress' : 'campaign.progress.committed', { committed, goal: formats.money(card.goal) });
  return html`<div class="progress">
    <p class="amounts">${amounts}</p>
    ${progressBar(context, card)}
    <p class="figures">
      ${card.percentOfGoal !== null &&
      html`<span>${t.t('card.percent', { percent: formats.percent(card.percentOfGoal) })}</span>`}
      <span>${backersOf(context, card.backers)}</span>
    </p>
  </div>`;
};

/** How much time is left, or why there is none: the campaign's moment in one sentence. */
export const campaignMoment = (context: PageContext, card: CampaignCard, size: 'card' | 'page'): string => {
  const { t, formats } = context;
  switch (card.status) {
    case 'live':
      if (card.timeLeftSeconds === null) return t.t('status.live');
      if (size === 'card') return t.t('card.timeLeft', { duration: formats.duration(card.timeLeftSeconds) });
      return t.t('campaign.timeLeft', {
        duration: formats.duration(card.timeLeftSeconds),
        date: card.deadline === null ? '' : formats.dateTime(card.deadline),
      });
    case 'approved':
      return card.startsAt === null
        ? t.t('status.approved')
        : t.t('campaign.startsAt', { date: formats.dateTime(card.startsAt) });
    case 'closing':
      return size === 'card' || card.deadline === null
        ? t.t('status.closing')
        : t.t('campaign.closing', { date: formats.dateTime(card.deadline) });
    case 'succeeded':
    case 'failed':
    case 'ended':
    case 'cancelled':
      return size === 'card' ? t.t(`status.${card.status}`) : t.t(`campaign.${card.status}`);
    case 'draft':
    case 'submitted':
      return t.t(`status.${card.status}`);
  }
};
