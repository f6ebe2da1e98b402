import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CampaignRequests } from '../campaigns/campaign-requests';
import { BackersHttpController } from './backers.http.controller';
import { GuestTokens } from './guest-tokens';
import { MessagesHttpController } from './messages.http.controller';
import { PledgeChangesHttpController } from './pledge-changes.http.controller';
import { PledgesHttpController } from './pledges.http.controller';
import { ReceiptHttpController } from './receipt.http.controller';

/** The pledge routes of the public API: thin controllers asking the pledge service (`RequestClient`). */
@Module({
  imports: [AccountsModule],
  controllers: [
    PledgesHttpController,
    PledgeChangesHttpController,
    BackersHttpController,
    MessagesHttpController,
    ReceiptHttpController,
  ],
  providers: [CampaignRequests, GuestTokens],
})
export class PledgesModule {}
