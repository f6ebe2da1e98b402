import { Controller, Inject } from '@nestjs/common';
import { eraseGuestPersonalData, erasePersonalData, exportPersonalData, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { PersonalData } from './personal-data';

/**
 * The gateway asks these for the authenticated account only (`GET /api/me/data`, `DELETE /api/me`),
 * or for a guest presenting their link's token (`DELETE /api/pledges/{id}/personal-data`).
 */
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

  @HandlesRequest(eraseGuestPersonalData)
  async eraseGuest({
    pledgeId,
    guestTokenHash,
  }: RequestOf<typeof eraseGuestPersonalData>): Promise<ReplyOf<typeof eraseGuestPersonalData>> {
    const outcome = await this.personalData.eraseGuest(pledgeId, guestTokenHash);
    return { ...outcome, erasedAt: outcome.erasedAt.toISOString() };
  }
}
