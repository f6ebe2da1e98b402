import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { suggestTips } from '@elan/contracts';
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
}
