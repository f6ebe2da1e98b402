import { Controller, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createCampaign, editCampaign } from '@elan/contracts';
import type { Actor } from '../auth/actor';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { RequestIds, type MintId } from '../idempotency/request-ids';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { ValidBody } from '../validation/validated.decorators';
import { commandActor } from './campaign-actor';
import {
  CampaignChangesBodySchema,
  type CampaignChangesBody,
  CreateCampaignBodySchema,
  type CreateCampaignBody,
} from './campaign-bodies.schemas';
import { CampaignIdParam } from './campaign-params';
import { CampaignCommandReplySchema, type CampaignCommandReply } from './campaign-replies.schemas';
import { CampaignRequests } from './campaign-requests';
import { withStretchGoalIds } from './stretch-goal-ids';

/** Starting and editing a campaign: `POST /api/campaigns`, `PATCH /api/campaigns/{id}`. */
@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsHttpController {
  constructor(private readonly campaigns: CampaignRequests) {}

  /**
   * The gateway picks the ids: a UUID v7, or with an `Idempotency-Key` one derived from the
   * account and the key (`RequestIds`). A retry whose first answer was kept is replayed by
   * `IdempotencyInterceptor`; one whose first answer was lost (the reply timed out after the
   * campaign service committed, so the key was released) asks again for the same campaign id,
   * and the campaign answers with the draft it already has — or 409 if the retry's content
   * differs. `Location` is set by `CreatedCampaignLocation`, which also sees replayed answers.
   */
  @Post()
  @Authenticated()
  @ApiOperation({ summary: 'Start a campaign draft; the caller becomes its holder' })
  @ApiCreatedResponse({
    description: 'The draft; `Location` is its URL',
    schema: schemaRef(CampaignCommandReplySchema),
    headers: { Location: { description: '/api/campaigns/{id}', schema: { type: 'string' } } },
  })
  @ApiProblem(403, 'The account may not hold campaigns')
  @ApiProblem(409, 'The Idempotency-Key already created a campaign with other content')
  create(
    @CurrentActor() actor: Actor,
    @ValidBody(CreateCampaignBodySchema) body: CreateCampaignBody,
    @RequestIds() mint: MintId,
  ): Promise<CampaignCommandReply> {
    const { stretchGoals, ...fields } = body;
    return this.campaigns.withBody(createCampaign, {
      ...fields,
      ...(stretchGoals && { stretchGoals: withStretchGoalIds(stretchGoals, mint) }),
      actor: commandActor(actor),
      campaignId: mint('campaign'),
    });
  }

  @Patch(':id')
  @Authenticated()
  @ApiOperation({
    summary: 'Change some fields of a campaign (its holder)',
    description:
      'A draft is freely editable. Once approved, the goal, funding model, dates, category, location and ' +
      'existing stretch goals are frozen; the story, title, summary, plain-language summary and image may still change ' +
      '(words at once, listed for moderators; a new image once a moderator saw it). ' +
      'plainLanguageSummary null or blank removes it; longer than 600 characters once trimmed is a 400.',
  })
  @ApiOkResponse({ description: 'The campaign after the change', schema: schemaRef(CampaignCommandReplySchema) })
  @ApiProblem(403, 'Only the campaign’s holder may edit it')
  @ApiProblem(404, 'No such campaign')
  @ApiProblem(409, 'The field cannot change in the campaign’s status')
  edit(
    @CurrentActor() actor: Actor,
    @CampaignIdParam() campaignId: string,
    @ValidBody(CampaignChangesBodySchema) body: CampaignChangesBody,
  ): Promise<CampaignCommandReply> {
    const { stretchGoals, ...changes } = body;
    return this.campaigns.withBody(editCampaign, {
      actor: commandActor(actor),
      campaignId,
      changes: { ...changes, ...(stretchGoals && { stretchGoals: withStretchGoalIds(stretchGoals) }) },
    });
  }
}
