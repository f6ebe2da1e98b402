import { Controller, Get, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { getPayoutAccount, startPayoutAccount } from '@elan/contracts';
import { RequestClient } from '@elan/messaging';
import type { Actor } from '../auth/actor';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import type { HttpResponse } from '../common/http-exchange';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import {
  PayoutAccountSchema,
  StartedPayoutAccountSchema,
  type PayoutAccount,
  type StartedPayoutAccount,
} from './payout-account.schemas';

const actorOf = (actor: Actor) => ({ accountId: actor.accountId, roles: [...actor.roles] });

/**
 * The caller's payout account, answered by the payout service over NATS: where the money their
 * campaigns raise is paid, through Stripe Connect (Express). Every account may hold one (a holder
 * is an account); it is the caller's own, so no id appears in the path.
 */
@ApiTags('payouts')
@Controller('me/payout-account')
@Authenticated()
export class PayoutAccountHttpController {
  constructor(private readonly requests: RequestClient) {}

  @Post()
  @ApiOperation({
    summary: 'Start the caller’s payout account, or get a new onboarding link',
    description:
      'The first call creates the caller’s Stripe Express account (one per account, however often it is retried) and ' +
      'answers 201; later calls answer 200 with the same account. Both answer a fresh onboarding link, valid a few ' +
      'minutes: open it to give Stripe what it needs. The account’s address is prefilled at Stripe.',
  })
  @ApiCreatedResponse({ description: 'The payout account was started', schema: schemaRef(StartedPayoutAccountSchema) })
  @ApiOkResponse({
    description: 'The payout account existed: a new onboarding link',
    schema: schemaRef(StartedPayoutAccountSchema),
  })
  @ApiProblem(409, 'Payments are not configured on this platform')
  @ApiProblem(503, 'The payout service is unavailable; retry later')
  @ApiProblem(504, 'The payout service did not answer in time; retry (no second account is made)')
  async start(@CurrentActor() actor: Actor, @Res({ passthrough: true }) response: HttpResponse): Promise<StartedPayoutAccount> {
    const { opened, ...started } = await this.requests.request(startPayoutAccount, { actor: actorOf(actor), email: actor.email });
    response.statusCode = opened ? HttpStatus.CREATED : HttpStatus.OK;
    return started;
  }

  @Get()
  @ApiOperation({
    summary: 'The caller’s payout account',
    description:
      'Its status: none (never started), pending (onboarding not finished, or Stripe checking), verified (can receive ' +
      'transfers) or restricted (Stripe needs more); what Stripe still needs, and in plain words why money would wait. ' +
      'Stripe’s updates arrive within seconds of the change.',
  })
  @ApiOkResponse({ description: 'The payout account', schema: schemaRef(PayoutAccountSchema) })
  @ApiProblem(503, 'The payout service is unavailable; retry later')
  @ApiProblem(504, 'The payout service did not answer in time; retry later')
  get(@CurrentActor() actor: Actor): Promise<PayoutAccount> {
    return this.requests.request(getPayoutAccount, { actor: actorOf(actor) });
  }
}
