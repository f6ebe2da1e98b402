import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { getTipLedger, suggestTips } from '@elan/contracts';
import { RequestClient } from '@elan/messaging';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { ValidQuery } from '../validation/validated.decorators';
import {
  TipSuggestionsQuerySchema,
  TipSuggestionsSchema,
  type TipSuggestions,
  type TipSuggestionsQuery,
} from './tip-suggestions.schemas';
import { TipLedgerQuerySchema, TipLedgerSchema, type TipLedger, type TipLedgerQuery } from './tip-ledger.schemas';

/**
 * The tip routes of the public API, answered by the tipping service over NATS. The query is
 * validated here first, so a bad one is a 400 without any request to the service.
 */
@ApiTags('tips')
@Controller('tips')
export class TipsHttpController {
  constructor(private readonly requests: RequestClient) {}

  @Get('suggestions')
  @ApiOperation({
    summary: 'The tips to suggest with a pledge',
    description:
      'Public. 0 always comes first, then shares of the pledge (5, 10 and 15 % by default, rounded down to 50 cents, ' +
      'none above 20 %), each with its actual share in basis points. Nothing is pre-selected (`preselected` is ' +
      'always null), and `explainer` says what tips pay for, with a stable key for translations.',
  })
  @ApiOkResponse({ description: 'The suggestions, smallest first', schema: schemaRef(TipSuggestionsSchema) })
  @ApiProblem(503, 'The tipping service is unavailable; retry later')
  @ApiProblem(504, 'The tipping service did not answer in time; retry later')
  suggestions(@ValidQuery(TipSuggestionsQuerySchema) query: TipSuggestionsQuery): Promise<TipSuggestions> {
    return this.requests.request(suggestTips, { amount: { amount: query.amount, currency: query.currency } });
  }

  @Get('ledger')
  @ApiOperation({
    summary: 'The platform’s tip income, by month',
    description:
      'Public, no personal data. Per UTC month in which pledges were paid, oldest first: the tips’ total and number ' +
      '(tips above 0 still paid), the paid pledges (`contributions`, tipped or not; a pledge refunded with its tip ' +
      'leaves them, a tip refunded alone leaves its pledge counted as not tipped), the share that tipped in ‰, the ' +
      'average (rounded half-even to the cent) and the median tip (the lower middle one). Months without paid pledges ' +
      'are left out. Figures of a past month can go down when one of its tips is refunded later.',
  })
  @ApiOkResponse({ description: 'The ledger, oldest month first', schema: schemaRef(TipLedgerSchema) })
  @ApiProblem(503, 'The tipping service is unavailable; retry later')
  @ApiProblem(504, 'The tipping service did not answer in time; retry later')
  ledger(@ValidQuery(TipLedgerQuerySchema) query: TipLedgerQuery): Promise<TipLedger> {
    return this.requests.request(getTipLedger, {
      currency: query.currency,
      ...(query.from && { from: query.from }),
      ...(query.to && { to: query.to }),
    });
  }
}
