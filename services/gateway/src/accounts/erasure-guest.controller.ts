import { Controller, Delete, HttpCode, HttpStatus } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { PledgeViewer } from '@elan/contracts';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { GUEST_TOKEN_HEADER, Viewer } from '../pledges/pledge-viewer';
import { ProblemException } from '../problem/problem-details';
import { ValidParam } from '../validation/validated.decorators';
import { GuestErasureService } from './erasure-guest';

/** A guest's right to erasure, through their pledge's private link: `DELETE /api/pledges/{id}/personal-data`. */
@ApiTags('pledges')
@Controller('pledges')
export class GuestErasureController {
  constructor(private readonly erasure: GuestErasureService) {}

  @Delete(':id/personal-data')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiHeader({
    name: GUEST_TOKEN_HEADER,
    required: true,
    description: 'The guest’s secret token, from the answer to their pledge.',
  })
  @ApiOperation({
    summary: 'Erase a guest’s name, e-mail and message from their pledge (the guest, with their link’s token)',
    description:
      'An unfinished checkout is abandoned and a committed all-or-nothing pledge cancelled before its deadline; then the ' +
      'pledge’s name, e-mail and message read "erased" everywhere, while its amount, tip and status stay. Irreversible; ' +
      'safe to retry. An account’s pledges are erased with the account (`DELETE /api/me`).',
  })
  @ApiNoContentResponse({ description: 'Erased' })
  @ApiProblem(401, 'No guest token')
  @ApiProblem(403, 'An account: its pledges go with the account (DELETE /api/me)')
  @ApiProblem(404, 'No such pledge, or not this token’s')
  @ApiProblem(409, 'The pledge may still be charged (all-or-nothing, past its deadline): retry once it is settled')
  async erase(@ValidParam('id', z.uuid()) pledgeId: string, @Viewer() viewer: PledgeViewer): Promise<void> {
    if (viewer.kind !== 'guest')
      throw new ProblemException({
        type: 'urn:elan:problem:forbidden',
        title: 'Not allowed',
        status: HttpStatus.FORBIDDEN,
        detail: 'An account’s pledges are erased with the account: DELETE /api/me.',
      });
    await this.erasure.erase(pledgeId, viewer.guestTokenHash);
  }
}
