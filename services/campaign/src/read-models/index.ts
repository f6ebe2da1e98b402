export * from './campaign-catalog.queries';
export * from './campaign-catalog.types';
export { CAMPAIGN_READ_MODELS, campaignReadModelsProjection, projectCampaignReadModels } from './campaign-read-models.projection';
export type { CampaignReadModelsOptions } from './campaign-read-models.projection';
export { CampaignUpdateView } from './campaign-update-view.entity';
export { CampaignView, type CampaignViewStatus } from './campaign-view.entity';
export { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from './catalog-cursor';
export * from './read-model.config';
export {
  READ_MODEL_ENTITIES,
  createReadModelDataSource,
  ensureReadModelTables,
  openReadModelDataSource,
} from './read-model.data-source';
export { READ_MODEL_TABLES, readModelMigrations } from './read-model.migrations';
export * from './rebuild-read-models';
export { StretchGoalView } from './stretch-goal-view.entity';
export { TierHoldView, type TierHoldStatus } from './tier-hold-view.entity';
export { TierView } from './tier-view.entity';
