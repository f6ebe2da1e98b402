import { Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { postCampaignUpdate } from '@elan/contracts';
import { uuidv7 } from '@elan/domain-kernel';
import type { Actor } from '../auth/actor';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { ValidBody } from '../validation/validated.decorators';
import { commandActor } from './campaign-actor';
import { PostCampaignUpdateBodySchema, type PostCampaignUpdateBody } from './campaign-bodies.schemas';
import { CampaignIdParam } from './campaign-params';
import { PostedCampaignUpdateReplySchema, type PostedCampaignUpdateReply } from './campaign-replies.schemas';
import { CampaignRequests } from './campaign-requests';

/** News from the holder on the campaign page: `POST /api/campaigns/{id}/updates`. */
@ApiTags('campaigns')
@Controller('campaigns/:id/updates')
export class CampaignUpdatesHttpController {
  constructor(private readonly campaigns: CampaignRequests) {}

  @Post()
  @Authenticated()
  @ApiOperation({ summary: 'Post an update on an approved, live or closed campaign (its holder)' })
  @ApiCreatedResponse({
    description: 'The campaign after the command, and the update’s id',
    schema: schemaRef(PostedCampaignUpdateReplySchema),
  })
  @ApiProblem(403, 'Only the campaign’s holder may post updates')
  @ApiProblem(404, 'No such campaign')
  @ApiProblem(409, 'No updates before approval or after a cancellation')
  async post(
    @CurrentActor() actor: Actor,
    @CampaignIdParam() campaignId: string,
    @ValidBody(PostCampaignUpdateBodySchema) body: PostCampaignUpdateBody,
  ): Promise<PostedCampaignUpdateReply> {
    const updateId = body.updateId ?? uuidv7();
    const reply = await this.campaigns.withBody(postCampaignUpdate, {
      actor: commandActor(actor),
      campaignId,
      updateId,
      title: body.title,
      body: body.body,
    });
    return { ...reply, updateId };
  }
}
