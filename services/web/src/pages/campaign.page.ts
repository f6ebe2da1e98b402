import { departementLabel } from '../departements';
import type { CampaignMessagesPage, CampaignView } from '../elan-api';
import { html, type Html } from '../html';
import { campaignMoment, campaignProgress } from './campaign-progress';
import { PATHS } from '../routes/paths';
import { layout } from './layout';
import { localHref, type PageContext } from './page-context';
import { paragraphs } from './paragraphs';

/** The cover: a 16:9 box whose size is known before the image arrives. */
const COVER = { width: 1200, height: 675 } as const;

/** The messages of support, or why there are none to show: the page stands without them. */
export type SupportMessages = { readonly available: true; readonly page: CampaignMessagesPage } | { readonly available: false };

type Tier = CampaignView['tiers'][number];

const tierAvailability = (context: PageContext, tier: Tier): string => {
  const { t, formats } = context;
  if (tier.status === 'closed') return t.t('campaign.tier.closed');
  if (tier.remainingUnits === null || tier.quantityLimit === null) return t.t('campaign.tier.unlimited');
  if (tier.remainingUnits === 0) return t.t('campaign.tier.soldOut');
  return t.plural('campaign.tier.remaining', tier.remainingUnits, formats.count(tier.remainingUnits), {
    limit: formats.count(tier.quantityLimit),
  });
};

const tiersSection = (context: PageContext, campaign: CampaignView): Html => {
  const { t, formats } = context;
  return html`<section aria-labelledby="tiers">
    <h2 id="tiers">${t.t('campaign.tiers.heading')}</h2>
    ${campaign.tiers.length === 0
      ? html`<p>${t.t('campaign.tiers.none')}</p>`
      : html`<ul class="tiers">
          ${campaign.tiers.map(
            (tier) =>
              html`<li class="tier">
                <h3>${tier.title}</h3>
                <p class="amount">${t.t('campaign.tier.from', { amount: formats.money(tier.minimumAmount) })}</p>
                ${paragraphs(tier.description)}
                <p class="availability">${tierAvailability(context, tier)}</p>
                ${tier.estimatedDelivery !== null &&
                html`<p>${t.t('campaign.tier.delivery', { month: formats.month(tier.estimatedDelivery) })}</p>`}
                ${campaign.status === 'live' &&
                tier.status !== 'closed' &&
                tier.remainingUnits !== 0 &&
                html`<p>
                  <a href="${localHref(context, PATHS.checkout(campaign.campaignId))}?tier=${tier.tierId}"
                    >${t.t('campaign.tier.choose')}<span class="visually-hidden"> — ${tier.title}</span></a
                  >
                </p>`}
              </li>`,
          )}
        </ul>`}
  </section>`;
};

const stretchGoalsSection = (context: PageContext, campaign: CampaignView): Html | false => {
  const { t, formats } = context;
  return (
    campaign.stretchGoals.length > 0 &&
    html`<section aria-labelledby="stretch-goals">
      <h2 id="stretch-goals">${t.t('campaign.stretchGoals.heading')}</h2>
      <ul class="stretch-goals">
        ${campaign.stretchGoals.map(
          (goal) => html`<li${goal.reached && html` class="reached"`}>
<p><strong>${t.t('campaign.stretchGoal.amount', { amount: formats.money(goal.amount) })}</strong> — ${goal.description}</p>
<p class="state">${t.t(goal.reached ? 'campaign.stretchGoal.reached' : 'campaign.stretchGoal.notReached')}</p>
</li>`,
        )}
      </ul>
    </section>`
  );
};

const updatesSection = (context: PageContext, campaign: CampaignView): Html => {
  const { t, formats } = context;
  return html`<section aria-labelledby="updates">
    <h2 id="updates">${t.t('campaign.updates.heading')}</h2>
    ${campaign.updates.length === 0
      ? html`<p>${t.t('campaign.updates.none')}</p>`
      : campaign.updates.map(
          (update) =>
            html`<article class="update">
              <h3>${update.title}</h3>
              <p class="meta">
                <time datetime="${update.postedAt}"
                  >${t.t('campaign.update.posted', { date: formats.date(update.postedAt) })}</time
                >
              </p>
              ${paragraphs(update.body)}
            </article>`,
        )}
  </section>`;
};

const messagesSection = (context: PageContext, messages: SupportMessages): Html => {
  const { t, formats } = context;
  const body = !messages.available
    ? html`<p>${t.t('campaign.messages.unavailable')}</p>`
    : messages.page.items.length === 0
      ? html`<p>${t.t('campaign.messages.none')}</p>`
      : html`<ul class="messages">
          ${messages.page.items.map(
            (message) =>
              html`<li>
                <blockquote>${paragraphs(message.message)}</blockquote>
                <p class="meta">
                  ${t.t('campaign.messages.by', {
                    name: message.publicName === 'anonymous' ? t.t('campaign.messages.anonymous') : message.publicName,
                    date: formats.date(message.postedAt),
                  })}
                </p>
              </li>`,
          )}
        </ul>`;
  return html`<section aria-labelledby="messages">
    <h2 id="messages">${t.t('campaign.messages.heading')}</h2>
    ${body}
  </section>`;
};

/**
 * The campaign page: the plain-language summary first when there is one, the summary, where the
 * collection stands and how long it has left, the story, stretch goals, tiers with the units
 * left, the holder's updates and the messages of support.
 */
export const campaignPage = (
  context: PageContext,
  campaign: CampaignView,
  messages: SupportMessages,
  /** The holder's preview (issue #12): a banner above the page and its own title, never taken for the public page. */
  preview?: { readonly banner: Html; readonly pageTitle: string },
): Html => {
  const main = campaignArticle(context, campaign, messages);
  if (preview !== undefined) return layout(context, preview.pageTitle, html`${preview.banner}${main}`);
  return layout(context, context.t.t('campaign.pageTitle', { title: campaign.title }), main);
};

/** The campaign page's article, without the frame: moderators review it as the public will read it. */
export const campaignArticle = (context: PageContext, campaign: CampaignView, messages: SupportMessages): Html => {
  const { t } = context;
  const place = `${campaign.commune !== null ? `${campaign.commune}, ` : ''}${departementLabel(campaign.departement)}`;
  const main = html`<article class="campaign">
    <header>
      <p class="back"><a href="${localHref(context, '/')}">${t.t('campaign.back')}</a></p>
      <h1>${campaign.title}</h1>
      ${campaign.plainLanguageSummary &&
      html`<section class="plain-language" aria-labelledby="plain-language">
        <h2 id="plain-language">${t.t('campaign.plainLanguage')}</h2>
        ${paragraphs(campaign.plainLanguageSummary)}
      </section>`}
      <p class="lead">${campaign.summary}</p>
      <dl class="facts">
        <div>
          <dt>${t.t('campaign.status')}</dt>
          <dd>${t.t(`status.${campaign.status}`)}</dd>
        </div>
        <div>
          <dt>${t.t('campaign.category')}</dt>
          <dd>${t.t(`category.${campaign.category}`)}</dd>
        </div>
        <div>
          <dt>${t.t('campaign.location')}</dt>
          <dd>${place}</dd>
        </div>
      </dl>
      ${campaign.imageUrl !== null &&
      html`<img
        class="cover"
        src="${campaign.imageUrl}"
        alt=""
        width="${COVER.width}"
        height="${COVER.height}"
        loading="lazy"
        decoding="async"
      />`}
    </header>
    <section class="standing" aria-labelledby="standing">
      <h2 id="standing">${t.t('campaign.progress.heading')}</h2>
      ${campaignProgress(context, campaign, 'page')}
      <p class="moment">
        ${campaign.status === 'cancelled' && campaign.cancellationReason
          ? t.t('campaign.cancelledBecause', { reason: campaign.cancellationReason })
          : campaignMoment(context, campaign, 'page')}
      </p>
      <p>${t.t(`fundingModel.${campaign.fundingModel}.explain`)}</p>
      <p>${t.t('campaign.noCommission')}</p>
      ${campaign.status === 'live' &&
      html`<p>
        <a class="button cta" href="${localHref(context, PATHS.checkout(campaign.campaignId))}">${t.t('campaign.back.cta')}</a>
      </p>`}
    </section>
    <section aria-labelledby="story">
      <h2 id="story">${t.t('campaign.story.heading')}</h2>
      ${paragraphs(campaign.story)}
    </section>
    ${stretchGoalsSection(context, campaign)} ${tiersSection(context, campaign)} ${updatesSection(context, campaign)}
    ${messagesSection(context, messages)}
  </article>`;
  return main;
};
