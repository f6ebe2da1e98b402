import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { listCampaignMessages } from '@elan/contracts';
import { z } from 'zod';
import { CampaignIdParam } from '../campaigns/campaign-params';
import { CampaignRequests } from '../campaigns/campaign-requests';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { responseSchema, schemaRef } from '../openapi/api-schemas';
import { ValidQuery } from '../validation/validated.decorators';
import { PledgePageQuerySchema, type PledgePageQuery } from './backers.schemas';

export const CampaignMessagesPageSchema = responseSchema('CampaignMessagesPage', listCampaignMessages.reply);
type CampaignMessagesPage = z.infer<typeof CampaignMessagesPageSchema>;

/** The messages of support the campaign page lists: public, with the names their authors chose to show. */
@ApiTags('pledges')
@Controller('campaigns')
export class MessagesHttpController {
  constructor(private readonly requests: CampaignRequests) {}

  @Get(':id/messages')
  @ApiOperation({
    summary: 'The campaign’s messages of support',
    description:
      'Public. The messages left with pledges that count, newest first, each with its author’s public name ' +
      '("anonymous" unless they chose to show it) and its date. The message of a person who was erased is left out. ' +
      'Paginated with `nextCursor`; a page may hold fewer items than the limit.',
  })
  @ApiOkResponse({ description: 'One page of messages', schema: schemaRef(CampaignMessagesPageSchema) })
  @ApiProblem(404, 'No such campaign')
  messages(
    @CampaignIdParam() campaignId: string,
    @ValidQuery(PledgePageQuerySchema) query: PledgePageQuery,
  ): Promise<CampaignMessagesPage> {
    return this.requests.ask(listCampaignMessages, { campaignId, ...query });
  }
}
