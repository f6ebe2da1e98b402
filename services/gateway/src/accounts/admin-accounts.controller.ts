import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/auth.decorators';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { ProblemException } from '../problem/problem-details';
import { ValidBody, ValidParam } from '../validation/validated.decorators';
import { AccountsService } from './accounts.service';
import {
  AccountSchema,
  ChangeRolesRequestSchema,
  toAccountView,
  type AccountView,
  type ChangeRolesRequest,
} from './accounts.schemas';

/** What admins do to accounts: `/api/admin/accounts/…`. */
@ApiTags('admin')
@Controller('admin/accounts')
export class AdminAccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post(':id/roles')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiOperation({ summary: 'Grant or remove the moderator and admin roles of an account' })
  @ApiOkResponse({ description: 'The account with its new roles', schema: schemaRef(AccountSchema) })
  @ApiProblem(404, 'No account with this id')
  @ApiProblem(409, 'Removing this admin role would leave the platform without an admin')
  async changeRoles(
    @ValidParam('id', z.uuid()) id: string,
    @ValidBody(ChangeRolesRequestSchema) body: ChangeRolesRequest,
  ): Promise<AccountView> {
    const change = await this.accounts.changeRoles(id, body.add ?? [], body.remove ?? []);
    switch (change.kind) {
      case 'changed':
        return toAccountView(change.account);
      case 'not-found':
        throw new ProblemException({
          type: 'urn:elan:problem:account-not-found',
          title: 'No such account',
          status: HttpStatus.NOT_FOUND,
          detail: `No account has the id ${id}.`,
        });
      case 'last-admin':
        throw new ProblemException({
          type: 'urn:elan:problem:last-admin',
          title: 'The last admin cannot be removed',
          status: HttpStatus.CONFLICT,
          detail: 'This is the only admin account: grant the admin role to another account first.',
        });
    }
  }
}
