import {
  addTier,
  approveCampaign,
  createCampaign,
  getCampaign,
  submitCampaign,
  type ReplyOf,
  type RequestOf,
} from '@elan/contracts';
import { uuidv7 } from '@elan/domain-kernel';
import type { RequestClient } from '@elan/messaging';
import { waitUntil } from '@elan/testing';

type Actor = RequestOf<typeof createCampaign>['actor'];
type FundingModel = RequestOf<typeof createCampaign>['fundingModel'];
export type CampaignPage = ReplyOf<typeof getCampaign>;

/** Accounts as the gateway would pass them: fresh ids, so tests never share a holder. */
export const holder = (): Actor => ({ accountId: uuidv7(), roles: ['contributor', 'holder'] });
export const moderator = (): Actor => ({ accountId: uuidv7(), roles: ['contributor', 'holder', 'moderator'] });
export const contributor = (): Actor => ({ accountId: uuidv7(), roles: ['contributor'] });

export interface CampaignPlan {
  readonly fundingModel?: FundingModel;
  /** From now; 2 s unless given: time to submit and approve first. */
  readonly startsInMs?: number;
  /** From the start; 2 s unless given (the test rules allow 1 s). */
  readonly durationMs?: number;
  /** Units of its one tier; null for unlimited. */
  readonly quantityLimit?: number | null;
}

export const draftOf = (owner: Actor, plan: CampaignPlan = {}): RequestOf<typeof createCampaign> => {
  const startsAt = new Date(Date.now() + (plan.startsInMs ?? 2_000));
  const deadline = new Date(startsAt.getTime() + (plan.durationMs ?? 2_000));
  return {
    actor: owner,
    campaignId: uuidv7(),
    title: 'Un four à pain pour le village',
    summary: 'Un four collectif, ouvert à tous les habitants.',
    story: 'Il était une fois un village sans boulangerie…',
    category: 'food',
    goal: { amount: 500_000, currency: 'EUR' },
    fundingModel: plan.fundingModel ?? 'all_or_nothing',
    startsAt: startsAt.toISOString(),
    deadline: deadline.toISOString(),
    location: { departement: '62', commune: 'Arras' },
  };
};

/** Create, add a tier, submit, approve: through NATS only, as the public API would. */
export const approvedCampaign = async (
  requests: RequestClient,
  plan: CampaignPlan = {},
): Promise<{ campaignId: string; tierId: string; owner: Actor }> => {
  const owner = holder();
  const draft = draftOf(owner, plan);
  const { campaignId } = draft;
  const tierId = uuidv7();
  await requests.request(createCampaign, draft);
  const tier = {
    tierId,
    minimumAmount: { amount: 2_500, currency: 'EUR' },
    title: 'Une miche',
    description: 'Une miche par semaine.',
  };
  await requests.request(addTier, { actor: owner, campaignId, tier: { ...tier, quantityLimit: plan.quantityLimit ?? null } });
  await requests.request(submitCampaign, { actor: owner, campaignId });
  await requests.request(approveCampaign, { actor: moderator(), campaignId });
  return { campaignId, tierId, owner };
};

/** The campaign page once the read models show it in `status` (public pages need no viewer). */
export const pageOnceIn = (
  requests: RequestClient,
  campaignId: string,
  status: CampaignPage['status'],
  timeoutMs: number,
): Promise<CampaignPage> =>
  waitUntil(
    async () => {
      const page = await requests.request(getCampaign, { campaignId });
      return page.status === status ? page : undefined;
    },
    { timeoutMs, intervalMs: 50, description: `campaign ${campaignId} is ${status}` },
  );
