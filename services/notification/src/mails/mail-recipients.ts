import { getAccountRecipient, getPledgeRecipient, type MailRecipient } from '@elan/contracts';
import type { RequestClient } from '@elan/messaging';

/**
 * Asks the owner of a recipient's personal data where their mail goes (ADR 0031): the pledge
 * service for `pledge:<id>`, the gateway for `account:<id>`. Nothing of the answer is kept.
 */
export class MailRecipients {
  constructor(
    private readonly requests: RequestClient,
    private readonly timeoutMs = 5_000,
  ) {}

  of(recipient: string): Promise<MailRecipient> {
    const [kind, id] = recipient.split(':', 2);
    if (kind === 'pledge' && id)
      return this.requests.request(getPledgeRecipient, { pledgeId: id }, { timeoutMs: this.timeoutMs });
    if (kind === 'account' && id)
      return this.requests.request(getAccountRecipient, { accountId: id }, { timeoutMs: this.timeoutMs });
    throw new Error(`a mail recipient is pledge:<id> or account:<id>, not "${recipient}"`);
  }
}
