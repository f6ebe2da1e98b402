import type { PageContext } from '../page-context';
import type { HolderCampaignCard } from './holder-views';

/** What the holder has to do now, or what the campaign waits for, in one sentence. */
export const nextStep = (context: PageContext, campaign: HolderCampaignCard): string => {
  const { t, formats } = context;
  switch (campaign.status) {
    case 'draft':
      return campaign.rejectionReason !== null
        ? t.t('holder.next.rejected', { reason: campaign.rejectionReason })
        : t.t('holder.next.draft');
    case 'submitted':
      return t.t('holder.next.submitted');
    case 'approved':
      return campaign.startsAt === null
        ? t.t('holder.next.approved')
        : t.t('holder.next.approvedOn', { date: formats.dateTime(campaign.startsAt) });
    case 'live':
      return t.t('holder.next.live');
    case 'closing':
      return t.t('holder.next.closing');
    case 'succeeded':
    case 'ended':
      return t.t('holder.next.paidOut');
    case 'failed':
      return t.t('holder.next.failed');
    case 'cancelled':
      return t.t('holder.next.cancelled');
  }
};
