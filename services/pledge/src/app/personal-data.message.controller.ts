import { Controller, Inject } from '@nestjs/common';
import { erasePersonalData, exportPersonalData, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { PersonalData } from './personal-data';

/** The gateway asks these for the authenticated account only (`GET /api/me/data`, `DELETE /api/me`). */
@Controller()
export class PersonalDataMessageController {
  constructor(@Inject(PersonalData) private readonly personalData: PersonalData) {}

  @HandlesRequest(exportPersonalData)
  exportOf({ accountId }: RequestOf<typeof exportPersonalData>): Promise<ReplyOf<typeof exportPersonalData>> {
    return this.personalData.exportOf(accountId);
  }

  @HandlesRequest(erasePersonalData)
  async erase({ accountId }: RequestOf<typeof erasePersonalData>): Promise<ReplyOf<typeof erasePersonalData>> {
    const outcome = await this.personalData.erase(accountId);
    return { ...outcome, erasedAt: outcome.erasedAt.toISOString() };
  }
}
