import { Controller, Inject } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { getPayoutAccount, startPayoutAccount, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HEADER, HandlesRequest } from '@elan/messaging';
import { PayoutAccounts } from './payout-accounts';

/**
 * Answers `rpc.payout.StartPayoutAccount.v1` and `rpc.payout.GetPayoutAccount.v1` for the
 * gateway. The holder is the authenticated account asking: every account may hold one.
 */
@Controller()
export class PayoutAccountsMessageController {
  constructor(@Inject(PayoutAccounts) private readonly accounts: PayoutAccounts) {}

  @HandlesRequest(startPayoutAccount)
  start(
    { actor, email }: RequestOf<typeof startPayoutAccount>,
    context: NatsContext,
  ): Promise<ReplyOf<typeof startPayoutAccount>> {
    const correlationId = context.getHeaders()?.get(HEADER.correlationId);
    return this.accounts.start(actor.accountId, email, { ...(correlationId && { correlationId }) });
  }

  @HandlesRequest(getPayoutAccount)
  get({ actor }: RequestOf<typeof getPayoutAccount>): Promise<ReplyOf<typeof getPayoutAccount>> {
    return this.accounts.get(actor.accountId);
  }
}
