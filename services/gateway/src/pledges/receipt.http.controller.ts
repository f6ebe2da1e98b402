import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { getPledgeReceipt, type PledgeReceipt, type PledgeViewer } from '@elan/contracts';
import { CampaignRequests } from '../campaigns/campaign-requests';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { responseSchema, schemaRef } from '../openapi/api-schemas';
import { GuestTokenHeader, PledgeIdParam, Viewer } from './pledge-viewer';
import { RECEIPT_PAGE_POLICY, receiptPage } from './receipt-page';

export const PledgeReceiptSchema = responseSchema('PledgeReceipt', getPledgeReceipt.reply);

const RECEIPT_DESCRIPTION =
  'For the contributor (or the guest token), the campaign’s holder and admins. Only a paid pledge has one: keep-it-all ' +
  'once committed, all-or-nothing once collected; a refunded pledge shows its refund. The pledge and the tip are ' +
  'separate lines, with the statement that 100 % of the pledge goes to the project, and the stream position and hash of ' +
  'the facts it reports, to check with `npm run verify-ledger` against a signed checkpoint.';

/** Receipts of paid pledges, as data and as a page to print. Personal data: never cached. */
@ApiTags('pledges')
@Controller('pledges')
export class ReceiptHttpController {
  constructor(private readonly requests: CampaignRequests) {}

  @Get(':id/receipt')
  @GuestTokenHeader()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The receipt of a paid pledge', description: RECEIPT_DESCRIPTION })
  @ApiOkResponse({ description: 'The receipt', schema: schemaRef(PledgeReceiptSchema) })
  @ApiProblem(401, 'Neither an access token nor a guest token')
  @ApiProblem(404, 'No such pledge, or not one the caller may see')
  @ApiProblem(409, 'The pledge was never paid')
  receipt(@PledgeIdParam() pledgeId: string, @Viewer() viewer: PledgeViewer): Promise<PledgeReceipt> {
    return this.requests.ask(getPledgeReceipt, { pledgeId, viewer });
  }

  @Get(':id/receipt.html')
  @GuestTokenHeader()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', RECEIPT_PAGE_POLICY)
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The receipt of a paid pledge, as a printable page', description: RECEIPT_DESCRIPTION })
  @ApiOkResponse({ description: 'A self-contained HTML page', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiProblem(401, 'Neither an access token nor a guest token')
  @ApiProblem(404, 'No such pledge, or not one the caller may see')
  @ApiProblem(409, 'The pledge was never paid')
  async page(@PledgeIdParam() pledgeId: string, @Viewer() viewer: PledgeViewer): Promise<string> {
    return receiptPage(await this.requests.ask(getPledgeReceipt, { pledgeId, viewer }));
  }
}
