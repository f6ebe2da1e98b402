import { z } from 'zod';
import { ValidParam } from '../validation/validated.decorators';

/** Campaign and tier ids are UUIDs (v7 when the gateway picks them); anything else is a 400 naming the parameter. */
const Id = z.uuid();

/** The `{id}` of `/api/campaigns/{id}/…`. */
export const CampaignIdParam = (): ParameterDecorator => ValidParam('id', Id);

/** The `{tierId}` of `/api/campaigns/{id}/tiers/{tierId}`. */
export const TierIdParam = (): ParameterDecorator => ValidParam('tierId', Id);
