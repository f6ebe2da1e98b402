import {
  campaignChangesSchema,
  cancelCampaign,
  createCampaign,
  postCampaignUpdate,
  rejectCampaign,
  stretchGoalSchema,
  tierChangesSchema,
  tierDefinitionSchema,
} from '@elan/contracts';
import { z } from 'zod';
import { requestSchema } from '../openapi/api-schemas';

/**
 * The bodies of the campaign routes, cut from the contracts the gateway sends on: the fields
 * the gateway supplies itself (the actor, the campaign id) are left out, and the ids a client
 * may leave to the gateway become optional. Nothing is redefined, so HTTP validation and the
 * contract cannot drift apart; rules beyond shape (lengths, dates) stay the campaign's, whose
 * field errors name the same fields (see `campaign-requests.ts`).
 *
 * Top-level unknown fields are refused (`strictObject`): a misspelt `goals` must not be dropped
 * silently while the client believes it set the goal.
 */

const { stretchGoalId } = stretchGoalSchema.shape;

/** A stretch goal over HTTP: its id may be left to the gateway (a UUID v7). */
const StretchGoalInput = stretchGoalSchema.extend({
  stretchGoalId: stretchGoalId
    .optional()
    .describe('Stable id; the gateway picks one (UUID v7) when absent. Keep it to keep the stretch goal.'),
});

const stretchGoalsInput = z.array(StretchGoalInput).describe('Further amounts above the goal, ascending.');

/**
 * A PATCH that names no field would change nothing yet answer 200, as if something had been
 * saved: refused, naming the body. `minProperties` says the same in the OpenAPI document.
 */
export const atLeastOneField = <T extends z.ZodObject>(schema: T): T =>
  schema
    .refine((changes: Record<string, unknown>) => Object.values(changes).some((value) => value !== undefined), {
      message: 'names no field to change',
      // Only a body that is otherwise valid: a misspelt field is named as such, not as no field.
      when: (payload) => payload.issues.length === 0,
    })
    .meta({ minProperties: 1 });

export const CreateCampaignBodySchema = requestSchema(
  'CreateCampaignRequest',
  z
    .strictObject({
      ...createCampaign.request.omit({ actor: true, campaignId: true }).shape,
      stretchGoals: stretchGoalsInput.optional(),
    })
    .describe('A new draft: title, category, funding model and location now, the rest before submitting.'),
);
export type CreateCampaignBody = z.infer<typeof CreateCampaignBodySchema>;

export const CampaignChangesBodySchema = requestSchema(
  'CampaignChangesRequest',
  atLeastOneField(
    z
      .strictObject({ ...campaignChangesSchema.shape, stretchGoals: stretchGoalsInput.optional() })
      .describe('Only the fields to change (at least one); imageUrl null removes the image; stretchGoals replaces the list.'),
  ),
);
export type CampaignChangesBody = z.infer<typeof CampaignChangesBodySchema>;

const { tierId, quantityLimit } = tierDefinitionSchema.shape;

export const AddTierBodySchema = requestSchema(
  'AddTierRequest',
  z
    .strictObject({
      ...tierDefinitionSchema.shape,
      tierId: tierId.optional().describe('Stable id of the tier; the gateway picks one (UUID v7) when absent.'),
      quantityLimit: quantityLimit.default(null).describe('Units available; absent or null: unlimited.'),
    })
    .describe('A reward tier.'),
);
export type AddTierBody = z.infer<typeof AddTierBodySchema>;

export const TierChangesBodySchema = requestSchema(
  'TierChangesRequest',
  atLeastOneField(z.strictObject(tierChangesSchema.shape).describe(`${tierChangesSchema.description ?? ''} At least one.`)),
);
export type TierChangesBody = z.infer<typeof TierChangesBodySchema>;

export const RejectCampaignBodySchema = requestSchema(
  'RejectCampaignRequest',
  z.strictObject(rejectCampaign.request.pick({ reason: true }).shape),
);
export const CancelCampaignBodySchema = requestSchema(
  'CancelCampaignRequest',
  z.strictObject(cancelCampaign.request.pick({ reason: true }).shape),
);
export type ReasonBody = z.infer<typeof RejectCampaignBodySchema>;

const update = postCampaignUpdate.request.shape;

export const PostCampaignUpdateBodySchema = requestSchema(
  'PostCampaignUpdateRequest',
  z.strictObject({
    title: update.title,
    body: update.body,
    updateId: update.updateId.optional().describe('Stable id of the update; the gateway picks one (UUID v7) when absent.'),
  }),
);
export type PostCampaignUpdateBody = z.infer<typeof PostCampaignUpdateBodySchema>;
