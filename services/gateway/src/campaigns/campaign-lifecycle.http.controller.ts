import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { approveCampaign, cancelCampaign, rejectCampaign, submitCampaign } from '@elan/contracts';
import type { Actor } from '../auth/actor';
import { Authenticated, CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { ValidBody } from '../validation/validated.decorators';
import { commandActor } from './campaign-actor';
import { CancelCampaignBodySchema, RejectCampaignBodySchema, type ReasonBody } from './campaign-bodies.schemas';
import { CampaignIdParam } from './campaign-params';
import { CampaignCommandReplySchema, type CampaignCommandReply } from './campaign-replies.schemas';
import { CampaignRequests } from './campaign-requests';

const reply = { description: 'The campaign after the command', schema: schemaRef(CampaignCommandReplySchema) };

/**
 * A campaign's way from draft to live: submit, approve or reject, cancel. Each answers 200 with
 * the command's reply; the campaign service decides who may (the gateway only keeps review to
 * moderators and admins as a first line, so a holder never reaches the service with it).
 */
@ApiTags('campaigns')
@Controller('campaigns/:id')
@ApiProblem(404, 'No such campaign')
@ApiProblem(409, 'Not allowed in the campaign’s current status')
export class CampaignLifecycleHttpController {
  constructor(private readonly campaigns: CampaignRequests) {}

  @Post('submit')
  @HttpCode(HttpStatus.OK)
  @Authenticated()
  @ApiOperation({
    summary: 'Send a complete draft to moderation (its holder)',
    description: 'A draft needs a summary, a story, a goal, a start in the future and a deadline; a 400 names what is missing.',
  })
  @ApiOkResponse(reply)
  @ApiProblem(400, 'The draft is incomplete (`details.field`, `details.missing`) or the id is invalid')
  @ApiProblem(403, 'Only the campaign’s holder may submit it')
  submit(@CurrentActor() actor: Actor, @CampaignIdParam() campaignId: string): Promise<CampaignCommandReply> {
    return this.campaigns.ask(submitCampaign, { actor: commandActor(actor), campaignId });
  }

  @Post('approve')
  @HttpCode(HttpStatus.OK)
  @Roles('moderator', 'admin')
  @ApiOperation({ summary: 'Accept a submitted campaign; it goes live at its start (a moderator, not its holder)' })
  @ApiOkResponse(reply)
  @ApiProblem(403, 'Not a moderator or an admin, or the campaign is the caller’s own')
  approve(@CurrentActor() actor: Actor, @CampaignIdParam() campaignId: string): Promise<CampaignCommandReply> {
    return this.campaigns.ask(approveCampaign, { actor: commandActor(actor), campaignId });
  }

  @Post('reject')
  @HttpCode(HttpStatus.OK)
  @Roles('moderator', 'admin')
  @ApiOperation({ summary: 'Send a submitted campaign back to draft with a reason its holder reads (a moderator)' })
  @ApiOkResponse(reply)
  @ApiProblem(403, 'Not a moderator or an admin, or the campaign is the caller’s own')
  reject(
    @CurrentActor() actor: Actor,
    @CampaignIdParam() campaignId: string,
    @ValidBody(RejectCampaignBodySchema) body: ReasonBody,
  ): Promise<CampaignCommandReply> {
    return this.campaigns.withBody(rejectCampaign, { actor: commandActor(actor), campaignId, reason: body.reason });
  }

  @Post('cancel')
  @HttpCode(HttpStatus.OK)
  @Authenticated()
  @ApiOperation({ summary: 'Stop an approved or live campaign; every pledge is released (its holder or an admin)' })
  @ApiOkResponse(reply)
  @ApiProblem(403, 'Only the campaign’s holder or an admin may cancel it')
  cancel(
    @CurrentActor() actor: Actor,
    @CampaignIdParam() campaignId: string,
    @ValidBody(CancelCampaignBodySchema) body: ReasonBody,
  ): Promise<CampaignCommandReply> {
    return this.campaigns.withBody(cancelCampaign, { actor: commandActor(actor), campaignId, reason: body.reason });
  }
}
