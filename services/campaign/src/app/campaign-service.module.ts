import { Module, type DynamicModule } from '@nestjs/common';
import { CampaignApplication } from '../application/campaign-application';
import { SubmissionGate } from '../payouts';
import { CampaignCatalog } from '../read-models';
import { TierStockService } from '../tier-stock/application/tier-stock.service';
import { CampaignCatalogMessageController } from './campaign-catalog.message.controller';
import { CampaignCommandsMessageController } from './campaign-commands.message.controller';
import type { CampaignComposition } from './campaign.composition';
import { PledgeTermsMessageController } from './pledge-terms.message.controller';
import { TierStockMessageController } from './tier-stock.message.controller';

/**
 * The campaign service as Nest sees it: message controllers only. The application services they
 * call are built and owned outside Nest (`composeCampaign`), so their start and stop order is
 * explicit in the service kit (`startService`) rather than spread over lifecycle hooks.
 */
@Module({})
export class CampaignServiceModule {
  static forRoot(composition: CampaignComposition): DynamicModule {
    return {
      module: CampaignServiceModule,
      controllers: [
        CampaignCommandsMessageController,
        CampaignCatalogMessageController,
        TierStockMessageController,
        PledgeTermsMessageController,
      ],
      providers: [
        { provide: CampaignApplication, useValue: composition.commands },
        { provide: SubmissionGate, useValue: composition.submissions },
        { provide: CampaignCatalog, useValue: composition.catalog },
        { provide: TierStockService, useValue: composition.tierStock },
      ],
    };
  }
}
