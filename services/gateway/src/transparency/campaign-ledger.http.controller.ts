import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { getCampaign, getCampaignLedger } from '@elan/contracts';
import { RequestClient } from '@elan/messaging';
import { CampaignIdParam } from '../campaigns/campaign-params';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { CampaignLedgerSchema, type CampaignLedger } from './public-ledger.schemas';

/**
 * A campaign's public ledger (issue #11, deliverable 4), for anyone: the campaign service says
 * whether the campaign is public (asked without a viewer, a draft or a submitted campaign does
 * not exist), the payout service answers its figures from its ledger streams.
 */
@ApiTags('transparency')
@Controller('campaigns')
export class CampaignLedgerHttpController {
  constructor(private readonly requests: RequestClient) {}

  @Get(':id/ledger')
  @ApiOperation({
    summary: 'A campaign’s public ledger',
    description:
      'Public, no personal data. From the campaign’s payout ledger: the pledges collected and refunded, the ' +
      'statements paid out, refunds after payout reversed, what is still due to the holder and what the platform ' +
      'advanced; each figure with the events behind it (stream, position, hash: the 20 most recent, and their ' +
      'count), and whether the hash chain of every stream involved holds. Check an event with ' +
      '`npm run verify-ledger -- <base URL> --fact <stream>:<position>:<hash>` against the signed checkpoints.',
  })
  @ApiOkResponse({ description: 'The campaign’s ledger', schema: schemaRef(CampaignLedgerSchema) })
  @ApiProblem(400, 'The campaign id is not a UUID')
  @ApiProblem(404, 'No such campaign, one not public (a draft), or one without a payout ledger yet (before its launch)')
  @ApiProblem(503, 'The campaign or payout service is unavailable; retry later')
  @ApiProblem(504, 'The campaign or payout service did not answer in time; retry later')
  async ledger(@CampaignIdParam() campaignId: string): Promise<CampaignLedger> {
    // A 404 (not_found) unless the campaign is public: asked without a viewer, as a stranger.
    await this.requests.request(getCampaign, { campaignId });
    return this.requests.request(getCampaignLedger, { campaignId });
  }
}
