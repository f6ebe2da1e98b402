import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { listUnpaidStatements } from '@elan/contracts';
import { RequestClient } from '@elan/messaging';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { ValidQuery } from '../validation/validated.decorators';
import {
  UnpaidStatementsQuerySchema,
  UnpaidStatementsSchema,
  type UnpaidStatements,
  type UnpaidStatementsQuery,
} from './payout-statements.schemas';

const DEFAULT_LIMIT = 50;

/**
 * What admins watch among payouts (issue #11: failures are "shown to the holder and to admins"):
 * every statement not paid yet, across campaigns, with why it waits or why its transfer failed.
 */
@ApiTags('admin')
@Controller('admin/payouts')
export class AdminPayoutsHttpController {
  constructor(private readonly requests: RequestClient) {}

  @Get('unpaid')
  @Roles('admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The statements not paid yet, across campaigns (admins)',
    description:
      'Oldest drawn first: transfers that failed (with Stripe’s code and reason, and the next attempt), statements ' +
      'waiting for a payout account that cannot receive yet (and what Stripe still needs), transfers under way. ' +
      '`total` counts every match, beyond the `limit` listed.',
  })
  @ApiOkResponse({ description: 'The unpaid statements', schema: schemaRef(UnpaidStatementsSchema) })
  @ApiProblem(403, 'Only admins see every campaign’s payouts')
  unpaid(
    @ValidQuery(UnpaidStatementsQuerySchema) query: UnpaidStatementsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<UnpaidStatements> {
    return this.requests.request(listUnpaidStatements, {
      actor: { accountId: actor.accountId, roles: [...actor.roles] },
      ...(query.status && { statuses: query.status }),
      limit: query.limit ?? DEFAULT_LIMIT,
    });
  }
}
