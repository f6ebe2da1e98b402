import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { refundTip } from '@elan/contracts';
import { RequestClient } from '@elan/messaging';
import { BEARER_SCHEME } from '../auth/auth.decorators';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { ValidParam } from '../validation/validated.decorators';
import { z } from 'zod';
import { TipRefundSchema, type TipRefund } from './tip-refund.schemas';
import { CurrentTipRequester, GUEST_TOKEN_HEADER, type TipRequester } from './tip-requester';

/** A pledge's tip refunded on its own: `POST /api/pledges/{pledgeId}/tip/refund`, answered by the tipping service. */
@ApiTags('tips')
@Controller('pledges')
export class TipRefundHttpController {
  constructor(private readonly requests: RequestClient) {}

  @Post(':pledgeId/tip/refund')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Refund the tip of a pledge, alone',
    description:
      'The pledge stays paid and counts for the campaign; only the tip goes back. Its contributor may ask within 30 days ' +
      'of payment (an account by its access token, a guest by the pledge’s private-link token in X-Guest-Token), an ' +
      'admin at any time. Asking again answers the same refund: a tip is refunded once, alone or with its pledge. The ' +
      'money reaches the card within seconds of the answer.',
  })
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiHeader({
    name: GUEST_TOKEN_HEADER,
    required: false,
    description: 'A guest’s private-link token, instead of an access token',
  })
  @ApiOkResponse({ description: 'The tip is refunded', schema: schemaRef(TipRefundSchema) })
  @ApiProblem(401, 'Neither an access token nor a guest token')
  @ApiProblem(403, 'Not the tip’s contributor, nor an admin')
  @ApiProblem(404, 'No tip for this pledge')
  @ApiProblem(409, 'The tip is not paid, is 0, or the 30 days are over (ask an admin)')
  @ApiProblem(503, 'The tipping service is unavailable; retry later')
  @ApiProblem(504, 'The tipping service did not answer in time; it may have acted: retry')
  refund(@ValidParam('pledgeId', z.uuid()) pledgeId: string, @CurrentTipRequester() actor: TipRequester): Promise<TipRefund> {
    return this.requests.request(refundTip, { actor, pledgeId });
  }
}
