import type { CampaignView } from '../../elan-api';
import { html, type Html } from '../../html';
import { HOLDER_PATHS } from '../../routes/holder-paths';
import { campaignPage } from '../campaign.page';
import { localHref, type PageContext } from '../page-context';
import { isPublic } from './campaign-rules';

/**
 * The campaign page as contributors would see it, rendered from the campaign as the API holds it
 * (drafts included, for their holder), under a banner saying it is a preview — and, before
 * approval, that nobody else can see it yet. Messages of support come with pledges: none yet
 * in a preview.
 */
export const previewPage = (context: PageContext, campaign: CampaignView): Html => {
  const { t } = context;
  const banner = html`<div class="preview-banner" role="note" aria-labelledby="preview-title">
    <p id="preview-title"><strong>${t.t('holder.preview.title')}</strong></p>
    <p>${t.t(isPublic(campaign.status) ? 'holder.preview.public' : 'holder.preview.notPublic')}</p>
    <p>
      <a href="${localHref(context, HOLDER_PATHS.campaign(campaign.campaignId))}"
        >${t.t('holder.backTo', { title: campaign.title })}</a
      >
    </p>
  </div>`;
  return campaignPage(
    context,
    campaign,
    { available: true, page: { items: [], nextCursor: null } },
    { banner, pageTitle: t.t('holder.preview.pageTitle', { title: campaign.title }) },
  );
};
