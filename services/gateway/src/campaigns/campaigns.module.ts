import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { CampaignCatalogHttpController } from './campaign-catalog.http.controller';
import { CampaignLifecycleHttpController } from './campaign-lifecycle.http.controller';
import { CampaignModerationHttpController } from './campaign-moderation.http.controller';
import { CampaignRequests } from './campaign-requests';
import { CampaignTiersHttpController } from './campaign-tiers.http.controller';
import { CampaignUpdatesHttpController } from './campaign-updates.http.controller';
import { CampaignsHttpController } from './campaigns.http.controller';
import { CreatedCampaignLocation } from './created-campaign-location.middleware';
import { MyCampaignsHttpController } from './my-campaigns.http.controller';

/**
 * The campaign routes of the public API: thin controllers that validate, add the caller and
 * the ids the gateway picks, and ask the campaign service over NATS (`RequestClient`).
 */
@Module({
  controllers: [
    CampaignsHttpController,
    CampaignTiersHttpController,
    CampaignLifecycleHttpController,
    CampaignModerationHttpController,
    CampaignUpdatesHttpController,
    CampaignCatalogHttpController,
    MyCampaignsHttpController,
  ],
  providers: [CampaignRequests],
})
export class CampaignsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CreatedCampaignLocation).forRoutes({ path: 'campaigns', method: RequestMethod.POST });
  }
}
