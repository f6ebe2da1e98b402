import { Controller, Delete, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { addTier, closeTier, editTier, removeTier } from '@elan/contracts';
import { uuidv7 } from '@elan/domain-kernel';
import type { Actor } from '../auth/actor';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { ValidBody } from '../validation/validated.decorators';
import { commandActor } from './campaign-actor';
import { AddTierBodySchema, type AddTierBody, TierChangesBodySchema, type TierChangesBody } from './campaign-bodies.schemas';
import { CampaignIdParam, TierIdParam } from './campaign-params';
import {
  AddedTierReplySchema,
  type AddedTierReply,
  CampaignCommandReplySchema,
  type CampaignCommandReply,
} from './campaign-replies.schemas';
import { CampaignRequests } from './campaign-requests';

const reply = { description: 'The campaign after the command', schema: schemaRef(CampaignCommandReplySchema) };

/**
 * Reward tiers of a campaign (its holder only). Contributors rely on a tier's price and stock,
 * so once the campaign is approved those are frozen and a tier is closed rather than deleted.
 */
@ApiTags('campaigns')
@Controller('campaigns/:id/tiers')
@Authenticated()
@ApiProblem(403, 'Only the campaign’s holder may manage its tiers')
@ApiProblem(404, 'No such campaign or tier')
@ApiProblem(409, 'Not allowed in the campaign’s current status')
export class CampaignTiersHttpController {
  constructor(private readonly campaigns: CampaignRequests) {}

  @Post()
  @ApiOperation({ summary: 'Add a reward tier (draft, approved or live campaign)' })
  @ApiCreatedResponse({
    description: 'The campaign after the command, and the tier’s id',
    schema: schemaRef(AddedTierReplySchema),
  })
  async add(
    @CurrentActor() actor: Actor,
    @CampaignIdParam() campaignId: string,
    @ValidBody(AddTierBodySchema) body: AddTierBody,
  ): Promise<AddedTierReply> {
    const tier = { ...body, tierId: body.tierId ?? uuidv7() };
    const reply = await this.campaigns.withBody(addTier, { actor: commandActor(actor), campaignId, tier });
    return { ...reply, tierId: tier.tierId };
  }

  @Patch(':tierId')
  @ApiOperation({ summary: 'Change a tier; its price and stock only while the campaign is a draft' })
  @ApiOkResponse(reply)
  edit(
    @CurrentActor() actor: Actor,
    @CampaignIdParam() campaignId: string,
    @TierIdParam() tierId: string,
    @ValidBody(TierChangesBodySchema) changes: TierChangesBody,
  ): Promise<CampaignCommandReply> {
    return this.campaigns.withBody(editTier, { actor: commandActor(actor), campaignId, tierId, changes });
  }

  @Delete(':tierId')
  @ApiOperation({ summary: 'Delete a tier of a draft (close it once the campaign is approved)' })
  @ApiOkResponse(reply)
  remove(
    @CurrentActor() actor: Actor,
    @CampaignIdParam() campaignId: string,
    @TierIdParam() tierId: string,
  ): Promise<CampaignCommandReply> {
    return this.campaigns.ask(removeTier, { actor: commandActor(actor), campaignId, tierId });
  }

  @Post(':tierId/close')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Stop a tier taking new pledges; pledges already made keep it' })
  @ApiOkResponse(reply)
  close(
    @CurrentActor() actor: Actor,
    @CampaignIdParam() campaignId: string,
    @TierIdParam() tierId: string,
  ): Promise<CampaignCommandReply> {
    return this.campaigns.ask(closeTier, { actor: commandActor(actor), campaignId, tierId });
  }
}
