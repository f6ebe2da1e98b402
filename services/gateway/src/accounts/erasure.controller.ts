import { Controller, Delete, HttpCode, HttpStatus } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { ValidBody } from '../validation/validated.decorators';
import { AccountErasureService } from './erasure';
import { EraseAccountRequestSchema, type EraseAccountRequest } from './erasure.schemas';

/** The right to erasure (GDPR art. 17): `DELETE /api/me`. */
@ApiTags('accounts')
@Controller('me')
export class AccountErasureController {
  constructor(private readonly erasure: AccountErasureService) {}

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated()
  @ApiOperation({
    summary: 'Erase the caller’s account and personal data (the password in the body confirms it)',
    description:
      'Unfinished checkouts are abandoned and committed all-or-nothing pledges cancelled before their deadline; then ' +
      'every name, e-mail and message of the caller reads "erased" wherever it was kept, while amounts, tips and statuses ' +
      'stay; then the account’s e-mail and name are replaced by placeholders, its password and roles removed and this ' +
      'token revoked. Other replicas stop showing the data within a minute. Irreversible. Safe to retry: if it fails ' +
      'half-way, asking again finishes it.',
  })
  @ApiNoContentResponse({ description: 'Erased: logging in fails from now on' })
  @ApiProblem(400, 'No password in the body')
  @ApiProblem(401, 'No valid access token')
  @ApiProblem(403, 'Wrong password: nothing was erased')
  @ApiProblem(409, 'An all-or-nothing pledge may still be charged (retry once it is settled), or this is the last admin')
  async erase(@CurrentActor() actor: Actor, @ValidBody(EraseAccountRequestSchema) body: EraseAccountRequest): Promise<void> {
    await this.erasure.erase(actor, body.password);
  }
}
