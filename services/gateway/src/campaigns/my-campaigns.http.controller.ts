import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { listHolderCampaigns } from '@elan/contracts';
import type { Actor } from '../auth/actor';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { schemaRef } from '../openapi/api-schemas';
import { ValidQuery } from '../validation/validated.decorators';
import { HolderCampaignsQuerySchema, type HolderCampaignsQuery } from './campaign-queries.schemas';
import { HolderCampaignsPageSchema, type HolderCampaignsPage } from './campaign-replies.schemas';
import { CampaignRequests } from './campaign-requests';

/** The caller's own campaigns, drafts included: `GET /api/me/campaigns`. */
@ApiTags('campaigns')
@Controller('me/campaigns')
export class MyCampaignsHttpController {
  constructor(private readonly campaigns: CampaignRequests) {}

  @Get()
  @Authenticated()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The caller’s campaigns in every status, newest first, with the reason of a rejection' })
  @ApiOkResponse({ description: 'One page of the holder’s campaign cards', schema: schemaRef(HolderCampaignsPageSchema) })
  mine(
    @CurrentActor() actor: Actor,
    @ValidQuery(HolderCampaignsQuerySchema) query: HolderCampaignsQuery,
  ): Promise<HolderCampaignsPage> {
    return this.campaigns.ask(listHolderCampaigns, { holderId: actor.accountId, ...query });
  }
}
