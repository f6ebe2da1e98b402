import { Controller, Get, Header, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { listCampaignPayouts, listMyPayouts, requestPayout } from '@elan/contracts';
import { RequestClient } from '@elan/messaging';
import type { Actor } from '../auth/actor';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { CampaignIdParam } from '../campaigns/campaign-params';
import type { HttpRequest, HttpResponse } from '../common/http-exchange';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { ValidQuery } from '../validation/validated.decorators';
import { formatOf, PAYOUTS_PAGE_POLICY, statementsCsv, statementsPage, type Statement } from './payout-statements.formats';
import {
  CampaignPayoutsSchema,
  MyPayoutsSchema,
  PayoutsQuerySchema,
  PayoutStatementSchema,
  type CampaignPayouts,
  type MyPayouts,
  type PayoutsQuery,
  type PayoutStatement,
} from './payout-statements.schemas';

const actorOf = (actor: Actor) => ({ accountId: actor.accountId, roles: [...actor.roles] });

const FORMATS =
  'As JSON by default; as CSV with `Accept: text/csv` or `?format=csv` (RFC 4180, UTF-8 with a byte order mark, amounts ' +
  'in major units); as a printable HTML page with `Accept: text/html` or `?format=html`.';
const LINES =
  'Each statement: pledges collected, pledges refunded, earlier statements, net due (collected − refunded − earlier ' +
  'statements, 100 % of the pledges), the processing fees the platform bears (shown, never deducted), tips excluded; ' +
  'its transfer (group campaign-<id>), why it waits or why its last attempt failed, and the payout ledger position and ' +
  'hash it covers.';

/**
 * Statements and transfers (issue #11): what each campaign has paid its holder, answered by the
 * payout service over NATS. Money data of a person: never cached.
 */
@ApiTags('payouts')
@Controller()
@Authenticated()
export class PayoutStatementsHttpController {
  constructor(private readonly requests: RequestClient) {}

  @Get('campaigns/:id/payouts')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOperation({
    summary: 'The campaign’s statements and balance (its holder or an admin)',
    description: `The campaign’s money as the payout service knows it, and its statements, newest first. ${LINES} ${FORMATS}`,
  })
  @ApiOkResponse({ description: 'The balance and the statements', schema: schemaRef(CampaignPayoutsSchema) })
  @ApiProblem(403, 'Only the campaign’s holder or an admin sees its payouts')
  @ApiProblem(404, 'No campaign with payouts by that id')
  async forCampaign(
    @CampaignIdParam() campaignId: string,
    @ValidQuery(PayoutsQuerySchema) query: PayoutsQuery,
    @CurrentActor() actor: Actor,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<CampaignPayouts | string> {
    const payouts = await this.requests.request(listCampaignPayouts, { actor: actorOf(actor), campaignId });
    return render(
      formatOf(query.format, request.headers.accept),
      payouts,
      payouts.statements,
      `Payouts of campaign ${campaignId}`,
      `payouts-${campaignId}`,
      response,
    );
  }

  @Get('me/payouts')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOperation({
    summary: 'The caller’s statements across their campaigns',
    description: `Newest first. ${LINES} ${FORMATS}`,
  })
  @ApiOkResponse({ description: 'The caller’s statements', schema: schemaRef(MyPayoutsSchema) })
  async mine(
    @ValidQuery(PayoutsQuerySchema) query: PayoutsQuery,
    @CurrentActor() actor: Actor,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<MyPayouts | string> {
    const payouts = await this.requests.request(listMyPayouts, { actor: actorOf(actor) });
    return render(
      formatOf(query.format, request.headers.accept),
      payouts,
      payouts.statements,
      'My payouts',
      'my-payouts',
      response,
    );
  }

  @Post('campaigns/:id/payouts')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Ask for a statement now (the holder of a keep-it-all campaign)',
    description:
      'Draws a statement on what is due now and pays it by a Connect transfer to the holder’s payout account (or waits ' +
      `for the account, saying why). Keep-it-all only: an all-or-nothing campaign is paid once its collection closes. ${LINES}`,
  })
  @ApiCreatedResponse({ description: 'The statement drawn', schema: schemaRef(PayoutStatementSchema) })
  @ApiProblem(404, 'No campaign of the caller’s with payouts by that id')
  @ApiProblem(409, 'Nothing is due, or the campaign is all-or-nothing')
  request(@CampaignIdParam() campaignId: string, @CurrentActor() actor: Actor): Promise<PayoutStatement> {
    return this.requests.request(requestPayout, { actor: actorOf(actor), campaignId });
  }
}

const render = <T>(
  format: 'json' | 'csv' | 'html',
  json: T,
  statements: readonly Statement[],
  title: string,
  filename: string,
  response: HttpResponse,
): T | string => {
  if (format === 'csv') {
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${filename}.csv"`);
    return statementsCsv(statements);
  }
  if (format === 'html') {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Content-Security-Policy', PAYOUTS_PAGE_POLICY);
    return statementsPage(title, statements);
  }
  return json;
};
