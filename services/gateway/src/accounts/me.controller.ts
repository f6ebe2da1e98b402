import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { schemaRef } from '../openapi/api-schemas';
import { ProblemException } from '../problem/problem-details';
import { AccountsService } from './accounts.service';
import { AccountSchema, toAccountView, type AccountView } from './accounts.schemas';

/** The caller's own account: `/api/me`. */
@ApiTags('accounts')
@Controller('me')
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Authenticated()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The account of the access token, with its roles' })
  @ApiOkResponse({ description: 'The account', schema: schemaRef(AccountSchema) })
  async me(@CurrentActor() actor: Actor): Promise<AccountView> {
    const account = await this.accounts.findById(actor.accountId);
    // The guard saw the account a moment ago; it can only be gone if deleted in between.
    if (!account)
      throw new ProblemException({
        type: 'urn:elan:problem:unauthenticated',
        title: 'Authentication required',
        status: 401,
        detail: 'The account of this access token no longer exists.',
      });
    return toAccountView(account);
  }
}
