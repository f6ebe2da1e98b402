import type { RequestOf, createCampaign } from '@elan/contracts';
import { uuidv7 } from '@elan/domain-kernel';
import type { MintId } from '../idempotency/request-ids';
import type { CreateCampaignBody } from './campaign-bodies.schemas';

type StretchGoal = NonNullable<RequestOf<typeof createCampaign>['stretchGoals']>[number];

/**
 * Stretch goals with an id each: a client may leave new ones to the gateway (`mint`, a UUID v7
 * unless the request's Idempotency-Key names them). An existing stretch goal keeps its id only
 * if the client sends it back, which the campaign requires once the campaign is approved.
 */
export const withStretchGoalIds = (
  goals: NonNullable<CreateCampaignBody['stretchGoals']>,
  mint: MintId = () => uuidv7(),
): StretchGoal[] => goals.map((goal, index) => ({ ...goal, stretchGoalId: goal.stretchGoalId ?? mint(`stretchGoal.${index}`) }));
