import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiForbidden, ApiNotFound, type CampaignView, type Problem } from '../elan-api';
import type { MessageKey } from '../i18n/messages.fr';
import { requireViewer, type WebRequest } from './route';

/**
 * What the holder's routes share: the campaign as its holder sees it, the Idempotency-Key a form
 * carries, and the words of a refusal.
 */

/** The API's read models follow a command within moments: a page right after a write waits that long for it. */
const READ_AFTER_WRITE_MS = 3_000;
const READ_AFTER_WRITE_STEP_MS = 150;

/**
 * The campaign as the API holds it for this holder (drafts included). Someone else's campaign is a
 * 403 page: the holder's pages are only for its holder (and admins, whom the API lets act too).
 * Right after a write (`?done=…`), a campaign the read model does not know yet is waited for a
 * few seconds, instead of answering 404 for a campaign just created.
 */
export const holderCampaign = async (request: WebRequest, campaignId: string): Promise<CampaignView> => {
  const viewer = requireViewer(request);
  const justWritten = request.url.searchParams.has('done');
  const deadline = Date.now() + READ_AFTER_WRITE_MS;
  for (;;) {
    try {
      const campaign = await request.api.campaign(campaignId);
      if (campaign.holderId !== viewer.accountId && !viewer.roles.includes('admin'))
        throw new ApiForbidden(403, { status: 403 }, `campaign ${campaignId}`);
      return campaign;
    } catch (error) {
      if (!(error instanceof ApiNotFound) || !justWritten || Date.now() > deadline) throw error;
      await sleep(READ_AFTER_WRITE_STEP_MS);
    }
  }
};

/** The form's Idempotency-Key (a UUID put in the form when it was shown), or a new one. */
export const idempotencyKeyOf = (request: WebRequest): string => {
  const key = request.form.get('idem') ?? '';
  return /^[0-9a-f-]{36}$/.test(key) ? key : randomUUID();
};

export const newIdempotencyKey = (): string => randomUUID();

/** A refusal's words when it names no field: the API's detail, else a sentence of ours. */
export const refusalOf = (request: WebRequest, problem: Problem): string =>
  problem.detail ?? problem.title ?? request.context.t.t('holder.error.refused');

/** The page a write sends back to, saying what was done (`?done=`): Post/Redirect/Get. */
export const doneAt = (request: WebRequest, path: string, done: string): string =>
  `/${request.context.locale}${path}?done=${done}`;

/** What a write just did, said on the page it leads to (`?done=`). */
const DONE: Readonly<Record<string, MessageKey>> = {
  created: 'holder.done.created',
  saved: 'holder.done.saved',
  submitted: 'holder.done.submitted',
  tier: 'holder.done.tier',
  tierClosed: 'holder.done.tierClosed',
  tierDeleted: 'holder.done.tierDeleted',
  update: 'holder.done.update',
  requested: 'holder.done.statement',
};
export const noticeOf = (request: WebRequest): string | undefined => {
  const key = DONE[request.url.searchParams.get('done') ?? ''];
  return key === undefined ? undefined : request.context.t.t(key);
};
