import { Controller, Get, Header, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { acknowledgeCampaignChanges, listChangedCampaigns, listSubmittedCampaigns, refuseCampaignImage } from '@elan/contracts';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { ValidBody, ValidQuery } from '../validation/validated.decorators';
import { commandActor } from './campaign-actor';
import {
  AcknowledgeCampaignChangesBodySchema,
  ChangedCampaignsPageSchema,
  ChangedCampaignsQuerySchema,
  RefuseCampaignImageBodySchema,
  SubmittedCampaignsPageSchema,
  type AcknowledgeCampaignChangesBody,
  type ChangedCampaignsPage,
  type ChangedCampaignsQuery,
  type RefuseCampaignImageBody,
  type SubmittedCampaignsPage,
} from './campaign-moderation.schemas';
import { CampaignIdParam } from './campaign-params';
import { CampaignCommandReplySchema, type CampaignCommandReply } from './campaign-replies.schemas';
import { CampaignRequests } from './campaign-requests';

const reply = { description: 'The campaign after the command', schema: schemaRef(CampaignCommandReplySchema) };

/**
 * The review queue (issue #12) and what moderators see of changes made once a campaign is approved (ADR 0012): the list of
 * campaigns changed since a moderator last looked, and the acknowledgement (which shows a new
 * image) or the refusal of a new image. Moderators and admins only, never on their own campaign;
 * the campaign service decides again.
 */
@ApiTags('moderation')
@Controller()
export class CampaignModerationHttpController {
  constructor(private readonly campaigns: CampaignRequests) {}

  @Get('moderation/changed-campaigns')
  @Roles('moderator', 'admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Campaigns changed since a moderator last reviewed them, oldest change first',
    description:
      'What changed (`changedParts`), since when, the image waiting for review and the words as last reviewed; ' +
      'send `version` back to acknowledge. Paginated with `nextCursor`.',
  })
  @ApiOkResponse({ description: 'One page of changed campaigns', schema: schemaRef(ChangedCampaignsPageSchema) })
  @ApiProblem(403, 'Not a moderator or an admin')
  changed(
    @CurrentActor() actor: Actor,
    @ValidQuery(ChangedCampaignsQuerySchema) query: ChangedCampaignsQuery,
  ): Promise<ChangedCampaignsPage> {
    return this.campaigns.ask(listChangedCampaigns, { actor: commandActor(actor), ...query });
  }

  @Get('moderation/submitted-campaigns')
  @Roles('moderator', 'admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The review queue: campaigns submitted and waiting for a decision, longest waiting first',
    description:
      'Each as its holder’s list shows it (`submittedAt`, the card); open `GET /api/campaigns/{id}` for the page, then ' +
      '`approve` or `reject` it. Paginated with `nextCursor`.',
  })
  @ApiOkResponse({ description: 'One page of the queue', schema: schemaRef(SubmittedCampaignsPageSchema) })
  @ApiProblem(403, 'Not a moderator or an admin')
  submitted(
    @CurrentActor() actor: Actor,
    @ValidQuery(ChangedCampaignsQuerySchema) query: ChangedCampaignsQuery,
  ): Promise<SubmittedCampaignsPage> {
    return this.campaigns.ask(listSubmittedCampaigns, { actor: commandActor(actor), ...query });
  }

  @Post('campaigns/:id/changes/acknowledge')
  @HttpCode(HttpStatus.OK)
  @Roles('moderator', 'admin')
  @ApiTags('campaigns')
  @ApiOperation({
    summary: 'Acknowledge the changes since approval up to the version reviewed; a new image is shown (a moderator)',
    description: 'A `version` other than the last change’s is a 409: the moderator has not seen every change.',
  })
  @ApiOkResponse(reply)
  @ApiProblem(403, 'Not a moderator or an admin, or the campaign is the caller’s own')
  @ApiProblem(404, 'No such campaign')
  @ApiProblem(409, 'The campaign changed since that version, or it was never approved')
  acknowledge(
    @CurrentActor() actor: Actor,
    @CampaignIdParam() campaignId: string,
    @ValidBody(AcknowledgeCampaignChangesBodySchema) body: AcknowledgeCampaignChangesBody,
  ): Promise<CampaignCommandReply> {
    return this.campaigns.withBody(acknowledgeCampaignChanges, { actor: commandActor(actor), campaignId, version: body.version });
  }

  @Post('campaigns/:id/image/refuse')
  @HttpCode(HttpStatus.OK)
  @Roles('moderator', 'admin')
  @ApiTags('campaigns')
  @ApiOperation({
    summary: 'Refuse the new image waiting for review; the shown one stays and its holder reads why (a moderator)',
  })
  @ApiOkResponse(reply)
  @ApiProblem(403, 'Not a moderator or an admin, or the campaign is the caller’s own')
  @ApiProblem(404, 'No such campaign')
  @ApiProblem(409, 'No new image waits, or the campaign changed since that version')
  refuseImage(
    @CurrentActor() actor: Actor,
    @CampaignIdParam() campaignId: string,
    @ValidBody(RefuseCampaignImageBodySchema) body: RefuseCampaignImageBody,
  ): Promise<CampaignCommandReply> {
    return this.campaigns.withBody(refuseCampaignImage, { actor: commandActor(actor), campaignId, ...body });
  }
}
