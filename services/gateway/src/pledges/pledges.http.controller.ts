import { Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { cancelPledge, getPledge, listMyPledges, placePledge, type PledgeViewer, type RequestOf } from '@elan/contracts';
import { actorOf, type Actor } from '../auth/actor';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { CampaignRequests } from '../campaigns/campaign-requests';
import { CampaignIdParam } from '../campaigns/campaign-params';
import type { HttpRequest } from '../common/http-exchange';
import { RequestIds, type MintId } from '../idempotency/request-ids';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { validationProblem } from '../validation/zod-validation.pipe';
import { ValidBody } from '../validation/validated.decorators';
import { GuestTokens, guestTokenHash } from './guest-tokens';
import {
  MyPledgesSchema,
  PlacedPledgeSchema,
  PlacePledgeBodySchema,
  PledgeSchema,
  type PlacePledgeBody,
  type PlacedPledge,
} from './pledge-bodies.schemas';
import { GuestTokenHeader, PledgeIdParam, Viewer } from './pledge-viewer';

/**
 * The pledge routes of the public API, answered by the pledge service over NATS. A contributor is
 * the caller's account, or a guest identified by the secret token of their private link.
 */
@ApiTags('pledges')
@Controller()
export class PledgesHttpController {
  constructor(
    private readonly requests: CampaignRequests,
    private readonly guestTokens: GuestTokens,
  ) {}

  /**
   * The pledge id comes from the Idempotency-Key when there is one (`RequestIds`), so a retry whose
   * answer was lost asks for the same pledge and gets the same intent, and a guest the same token.
   */
  @Post('campaigns/:id/pledges')
  @ApiOperation({
    summary: 'Back a campaign',
    description:
      'Logged in, or as a guest with a name and an e-mail address. The tip is required and explicit (0 for none). ' +
      'Answers the pledge and the client secret the page confirms with Stripe: a PaymentIntent for pledge + tip ' +
      '(keep-it-all) or a SetupIntent that saves the card (all-or-nothing, charged only if the campaign succeeds). ' +
      'A guest also gets the secret token of their private link, once. Send an Idempotency-Key.',
  })
  @ApiCreatedResponse({ description: 'The pledge, waiting for its payment', schema: schemaRef(PlacedPledgeSchema) })
  @ApiProblem(400, 'A field is invalid: amount below the minimum or above the maximum, tip too large, tier minimum…')
  @ApiProblem(404, 'No such campaign or tier')
  @ApiProblem(409, 'The campaign takes no pledges, the tier is sold out or closed, or the holder backs their own campaign')
  async place(
    @Req() request: HttpRequest,
    @CampaignIdParam() campaignId: string,
    @ValidBody(PlacePledgeBodySchema) body: PlacePledgeBody,
    @RequestIds() mint: MintId,
  ): Promise<PlacedPledge> {
    const pledgeId = mint('pledge');
    const actor = actorOf(request);
    const guestToken = actor ? undefined : await this.guestTokens.tokenFor(pledgeId);
    const contributor = actor ? this.accountContributor(actor, body) : guestContributor(body, guestToken ?? '');
    const { name: _name, email: _email, ...pledge } = body;
    const placed = await this.requests.withBody(placePledge, { ...pledge, pledgeId, campaignId, contributor });
    return { ...placed, ...(guestToken && { guestToken }) };
  }

  @Get('pledges/:id')
  @GuestTokenHeader()
  @ApiOperation({ summary: 'One pledge (its contributor, the campaign’s holder or an admin)' })
  @ApiOkResponse({ description: 'The pledge', schema: schemaRef(PledgeSchema) })
  @ApiProblem(401, 'Neither an access token nor a guest token')
  @ApiProblem(404, 'No such pledge, or not one the caller may see')
  get(@PledgeIdParam() pledgeId: string, @Viewer() viewer: PledgeViewer) {
    return this.requests.ask(getPledge, { pledgeId, viewer });
  }

  @Post('pledges/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @GuestTokenHeader()
  @ApiOperation({
    summary: 'Withdraw a committed pledge before the deadline (its contributor)',
    description: 'A paid keep-it-all pledge is refunded, tip included; an all-or-nothing one will never be charged.',
  })
  @ApiOkResponse({ description: 'The pledge, cancelled', schema: schemaRef(PledgeSchema) })
  @ApiProblem(401, 'Neither an access token nor a guest token')
  @ApiProblem(403, 'Only the contributor may cancel')
  @ApiProblem(404, 'No such pledge, or not one the caller may see')
  @ApiProblem(409, 'The pledge is not committed, or the deadline passed')
  cancel(@PledgeIdParam() pledgeId: string, @Viewer() viewer: PledgeViewer) {
    return this.requests.ask(cancelPledge, { pledgeId, viewer });
  }

  @Get('me/pledges')
  @Authenticated()
  @ApiOperation({ summary: 'The caller’s pledges, newest first' })
  @ApiOkResponse({ description: 'The pledges', schema: schemaRef(MyPledgesSchema) })
  mine(@CurrentActor() actor: Actor) {
    return this.requests.ask(listMyPledges, { accountId: actor.accountId });
  }

  private accountContributor(actor: Actor, body: PlacePledgeBody): RequestOf<typeof placePledge>['contributor'] {
    if (body.email !== undefined)
      throw validationProblem('body', [
        { field: 'email', message: 'a logged-in contributor pledges with their account’s address' },
      ]);
    return {
      kind: 'account',
      accountId: actor.accountId,
      roles: [...actor.roles],
      email: actor.email,
      name: body.name ?? actor.displayName,
    };
  }
}

const guestContributor = (body: PlacePledgeBody, token: string): RequestOf<typeof placePledge>['contributor'] => {
  const missing = [
    ...(body.name === undefined ? [{ field: 'name', message: 'a guest gives a name' }] : []),
    ...(body.email === undefined ? [{ field: 'email', message: 'a guest gives an e-mail address' }] : []),
  ];
  if (missing.length > 0 || body.name === undefined || body.email === undefined) throw validationProblem('body', missing);
  return { kind: 'guest', guestTokenHash: guestTokenHash(token), name: body.name, email: body.email };
};
