import { Controller, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  changePledge,
  getPledge,
  grantPledgeRefund,
  requestPledgeRefund,
  updatePledgeCard,
  type PledgeViewer,
} from '@elan/contracts';
import { atLeastOneField } from '../campaigns/campaign-bodies.schemas';
import { CampaignRequests } from '../campaigns/campaign-requests';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { requestSchema, responseSchema, schemaRef } from '../openapi/api-schemas';
import { ValidBody } from '../validation/validated.decorators';
import { PledgeSchema } from './pledge-bodies.schemas';
import { GuestTokenHeader, PledgeIdParam, Viewer } from './pledge-viewer';

const ChangePledgeBodySchema = requestSchema(
  'ChangePledgeBody',
  atLeastOneField(
    z.strictObject({
      amount: z
        .strictObject({ amount: z.number().int().min(0), currency: z.string().regex(/^[A-Z]{3}$/) })
        .optional()
        .describe('The new amount, in minor units; absent: unchanged.'),
      tierId: z.uuid().nullable().optional().describe('The tier after the change; null for none; absent: unchanged.'),
    }),
  ),
);
const RefundRequestBodySchema = requestSchema(
  'RefundRequestBody',
  z.strictObject({ reason: z.string().trim().min(1).max(1_000).optional().describe('Why, for the holder.') }),
);
const NewCardSchema = responseSchema('PledgeNewCard', updatePledgeCard.reply);

/** Changes to an existing pledge: amount or tier, refunds, a new card after a declined collection. */
@ApiTags('pledges')
@Controller('pledges')
export class PledgeChangesHttpController {
  constructor(private readonly requests: CampaignRequests) {}

  @Patch(':id')
  @GuestTokenHeader()
  @ApiOperation({
    summary: 'Change a committed all-or-nothing pledge before the deadline (its contributor)',
    description:
      'Another amount or tier; nothing was charged yet. A paid keep-it-all pledge is cancelled and made again instead.',
  })
  @ApiOkResponse({ description: 'The pledge after the change', schema: schemaRef(PledgeSchema) })
  @ApiProblem(400, 'The new amount breaks a rule (minimum, maximum, tier minimum, tip multiple)')
  @ApiProblem(404, 'No such pledge, or not one the caller may see')
  @ApiProblem(409, 'Not a committed all-or-nothing pledge, the deadline passed, or the tier is sold out')
  async change(
    @PledgeIdParam() pledgeId: string,
    @Viewer() viewer: PledgeViewer,
    @ValidBody(ChangePledgeBodySchema) body: z.infer<typeof ChangePledgeBodySchema>,
  ) {
    // What the body leaves out stays as it is.
    const current =
      body.amount === undefined || body.tierId === undefined
        ? await this.requests.ask(getPledge, { pledgeId, viewer })
        : undefined;
    const amount = body.amount ?? current?.amount;
    const tierId = body.tierId === undefined ? (current?.tierId ?? null) : body.tierId;
    if (!amount) throw new Error('the pledge has no amount');
    return this.requests.withBody(changePledge, { pledgeId, viewer, amount, tierId });
  }

  @Post(':id/refund-request')
  @HttpCode(HttpStatus.OK)
  @GuestTokenHeader()
  @ApiOperation({ summary: 'Ask for the refund of a paid keep-it-all pledge (its contributor)' })
  @ApiOkResponse({ description: 'The pledge, refund requested', schema: schemaRef(PledgeSchema) })
  @ApiProblem(404, 'No such pledge, or not one the caller may see')
  @ApiProblem(409, 'Not a paid keep-it-all pledge')
  requestRefund(
    @PledgeIdParam() pledgeId: string,
    @Viewer() viewer: PledgeViewer,
    @ValidBody(RefundRequestBodySchema) body: z.infer<typeof RefundRequestBodySchema>,
  ) {
    return this.requests.withBody(requestPledgeRefund, { pledgeId, viewer, ...(body.reason && { reason: body.reason }) });
  }

  @Post(':id/refund')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Refund a pledge (the campaign’s holder or an admin for a requested keep-it-all refund; an admin for a collected all-or-nothing pledge)',
  })
  @ApiOkResponse({ description: 'The pledge, refunded', schema: schemaRef(PledgeSchema) })
  @ApiProblem(403, 'Neither the holder nor an admin')
  @ApiProblem(404, 'No such pledge, or not one the caller may see')
  @ApiProblem(409, 'No refund to grant in the pledge’s status')
  grantRefund(@PledgeIdParam() pledgeId: string, @Viewer() viewer: PledgeViewer) {
    return this.requests.ask(grantPledgeRefund, { pledgeId, viewer });
  }

  @Post(':id/card')
  @HttpCode(HttpStatus.OK)
  @GuestTokenHeader()
  @ApiOperation({
    summary: 'Save another card after a declined collection, during the retry window (its contributor)',
    description:
      'Answers a SetupIntent’s client secret; once the page confirms it, the pledge is collected again with that card.',
  })
  @ApiOkResponse({ description: 'The SetupIntent to confirm', schema: schemaRef(NewCardSchema) })
  @ApiProblem(404, 'No such pledge, or not one the caller may see')
  @ApiProblem(409, 'No declined collection to retry, or the window closed')
  newCard(@PledgeIdParam() pledgeId: string, @Viewer() viewer: PledgeViewer) {
    return this.requests.ask(updatePledgeCard, { pledgeId, viewer });
  }
}
