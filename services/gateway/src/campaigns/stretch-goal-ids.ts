import type { RequestOf, createCampaign } from '@elan/contracts';
import { uuidv7 } from '@elan/domain-kernel';
import type { CreateCampaignBody } from './campaign-bodies.schemas';

type StretchGoal = NonNullable<RequestOf<typeof createCampaign>['stretchGoals']>[number];

/**
 * Stretch goals with an id each: a client may leave new ones to the gateway (a UUID v7). An
 * existing stretch goal keeps its id only if the client sends it back, which the campaign
 * requires once the campaign is approved.
 */
export const withStretchGoalIds = (goals: NonNullable<CreateCampaignBody['stretchGoals']>): StretchGoal[] =>
  goals.map((goal) => ({ ...goal, stretchGoalId: goal.stretchGoalId ?? uuidv7() }));
