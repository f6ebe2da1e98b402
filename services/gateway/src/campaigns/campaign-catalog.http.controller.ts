import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { getCampaign, listCampaigns } from '@elan/contracts';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { ValidQuery } from '../validation/validated.decorators';
import { Viewer, type CommandActor } from './campaign-actor';
import { CampaignIdParam } from './campaign-params';
import { CatalogQuerySchema, type CatalogQuery } from './campaign-queries.schemas';
import {
  CampaignCatalogPageSchema,
  type CampaignCatalogPage,
  CampaignPageSchema,
  type CampaignPage,
} from './campaign-replies.schemas';
import { CampaignRequests } from './campaign-requests';

/**
 * The public catalog and campaign pages, read from the campaign service's read models: they
 * follow the commands within moments (eventually consistent), so a client that just changed a
 * campaign may briefly read it as it was.
 */
@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignCatalogHttpController {
  constructor(private readonly campaigns: CampaignRequests) {}

  @Get()
  @ApiOperation({
    summary: 'The public catalog: approved, live and closed campaigns',
    description: 'Filtered by status, département, category and words; sorted; paginated with `nextCursor`.',
  })
  @ApiOkResponse({ description: 'One page of campaign cards', schema: schemaRef(CampaignCatalogPageSchema) })
  catalog(@ValidQuery(CatalogQuerySchema) query: CatalogQuery): Promise<CampaignCatalogPage> {
    const { q, ...filters } = query;
    return this.campaigns.ask(listCampaigns, { ...filters, ...(q !== undefined && { text: q }) });
  }

  @Get(':id')
  // What the page shows depends on who asks (drafts): shared caches must not mix callers.
  @Header('Vary', 'Authorization')
  @ApiOperation({
    summary: 'Everything the campaign page shows',
    description:
      'Public for approved, live and closed campaigns. With a bearer token, a draft or submitted campaign is ' +
      'shown to its holder (with the reason of a rejection) and to moderators; to anyone else it does not exist.',
  })
  @ApiOkResponse({ description: 'The campaign page', schema: schemaRef(CampaignPageSchema) })
  @ApiProblem(404, 'No such campaign, or a draft the caller may not see')
  page(@CampaignIdParam() campaignId: string, @Viewer() viewer: CommandActor | undefined): Promise<CampaignPage> {
    return this.campaigns.ask(getCampaign, { campaignId, ...(viewer && { viewer }) });
  }
}
