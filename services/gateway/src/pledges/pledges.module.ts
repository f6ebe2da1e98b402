import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CampaignRequests } from '../campaigns/campaign-requests';
import { GuestTokens } from './guest-tokens';
import { PledgeChangesHttpController } from './pledge-changes.http.controller';
import { PledgesHttpController } from './pledges.http.controller';

/** The pledge routes of the public API: thin controllers asking the pledge service (`RequestClient`). */
@Module({
  imports: [AccountsModule],
  controllers: [PledgesHttpController, PledgeChangesHttpController],
  providers: [CampaignRequests, GuestTokens],
})
export class PledgesModule {}
