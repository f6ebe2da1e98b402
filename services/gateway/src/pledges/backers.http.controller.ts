import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { listBackers, type ReplyOf } from '@elan/contracts';
import type { Actor } from '../auth/actor';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { CampaignIdParam } from '../campaigns/campaign-params';
import { CampaignRequests } from '../campaigns/campaign-requests';
import type { HttpResponse } from '../common/http-exchange';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { ValidQuery } from '../validation/validated.decorators';
import { backersCsv } from './backers-csv';
import { BackersPageSchema, PledgePageQuerySchema, type BackersPage, type PledgePageQuery } from './backers.schemas';

/** The export asks the pledge service for pages this large (its contract allows up to 200). */
const EXPORT_PAGE = 200;

type Backer = ReplyOf<typeof listBackers>['items'][number];

/**
 * A campaign's backers, for its holder and admins: who pledged (the public name, the real name,
 * the e-mail address), how much, on which tier, when, and where the pledge stands — never the
 * tip. Personal data: never cached.
 */
@ApiTags('pledges')
@Controller('campaigns')
export class BackersHttpController {
  constructor(private readonly requests: CampaignRequests) {}

  @Get(':id/backers')
  @Authenticated()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The campaign’s backers (its holder or an admin)',
    description:
      'The pledges that count or counted (committed, refund requested, collecting, declined, card updated, collected; ' +
      'then cancelled, refunded, released or dropped), oldest commitment first: the public name ("anonymous" when the ' +
      'contributor chose not to show it), the name, the e-mail address ("erased" once the person was erased), the ' +
      'amount, the tier, the date and the status. Never the tip. Paginated with `nextCursor`.',
  })
  @ApiOkResponse({ description: 'One page of backers', schema: schemaRef(BackersPageSchema) })
  @ApiProblem(403, 'Only the campaign’s holder or an admin sees its backers')
  @ApiProblem(404, 'No such campaign')
  backers(
    @CampaignIdParam() campaignId: string,
    @ValidQuery(PledgePageQuerySchema) query: PledgePageQuery,
    @CurrentActor() actor: Actor,
  ): Promise<BackersPage> {
    return this.requests.ask(listBackers, { campaignId, viewer: viewerOf(actor), ...query });
  }

  @Get(':id/backers.csv')
  @Authenticated()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'The campaign’s backers as a CSV file (its holder or an admin)',
    description:
      'Every backer, as an attachment: RFC 4180, UTF-8 with a byte order mark, header ' +
      '`name,email,amount,currency,tier,date,status`; the name as the public sees it ("anonymous" unless shown), ' +
      'amounts in major units ("30.00"), dates ISO 8601. A cell starting with = + - @ is prefixed with an apostrophe ' +
      'so no spreadsheet runs it. Never the tip.',
  })
  @ApiOkResponse({ description: 'The CSV file', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiProblem(403, 'Only the campaign’s holder or an admin sees its backers')
  @ApiProblem(404, 'No such campaign')
  async csv(
    @CampaignIdParam() campaignId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<string> {
    const backers: Backer[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.requests.ask(listBackers, {
        campaignId,
        viewer: viewerOf(actor),
        limit: EXPORT_PAGE,
        ...(cursor !== undefined && { cursor }),
      });
      backers.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    response.setHeader('Content-Disposition', `attachment; filename="backers-${campaignId}.csv"`);
    return backersCsv(backers);
  }
}

const viewerOf = (actor: Actor) => ({ accountId: actor.accountId, roles: [...actor.roles] });
