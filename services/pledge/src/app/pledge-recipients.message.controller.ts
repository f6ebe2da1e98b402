import { Controller, Inject } from '@nestjs/common';
import { getPledgeRecipient, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { PledgeRecipients } from './pledge-recipients';

/** Answers the notification service's `GetPledgeRecipient`: where a pledge's mail goes, at send time (ADR 0031). */
@Controller()
export class PledgeRecipientsMessageController {
  constructor(@Inject(PledgeRecipients) private readonly recipients: PledgeRecipients) {}

  @HandlesRequest(getPledgeRecipient)
  recipient({ pledgeId }: RequestOf<typeof getPledgeRecipient>): Promise<ReplyOf<typeof getPledgeRecipient>> {
    return this.recipients.of(pledgeId);
  }
}
