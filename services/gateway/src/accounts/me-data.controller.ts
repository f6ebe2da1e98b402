import { Controller, Get, Header, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { ProblemException } from '../problem/problem-details';
import { PersonalDataExportService } from './me-data';
import { PersonalDataExportSchema, type PersonalDataExportView } from './me-data.schemas';

/** The right of access (GDPR art. 15): `GET /api/me/data`. */
@ApiTags('accounts')
@Controller('me/data')
export class PersonalDataExportController {
  constructor(private readonly exports: PersonalDataExportService) {}

  @Get()
  @Authenticated()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Everything Élan holds about the caller, as one JSON document',
    description:
      'The account, every pledge in every status with its name, e-mail and message, amounts, tips and statuses, and the campaigns held.',
  })
  @ApiOkResponse({ description: 'The export', schema: schemaRef(PersonalDataExportSchema) })
  @ApiProblem(401, 'No valid access token')
  async exportOf(@CurrentActor() actor: Actor): Promise<PersonalDataExportView> {
    const exported = await this.exports.exportOf(actor.accountId);
    if (!exported)
      throw new ProblemException({
        type: 'urn:elan:problem:unauthenticated',
        title: 'Authentication required',
        status: HttpStatus.UNAUTHORIZED,
        detail: 'The account of this access token no longer exists.',
      });
    return exported;
  }
}
