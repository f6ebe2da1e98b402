import { ForbiddenError, isUuid, ValidationError, type Clock } from '@elan/domain-kernel';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { CAMPAIGN_CATEGORIES } from '../campaign/campaign.values';
import { isDepartement } from '../campaign/departements';
import {
  CATALOG_SORTS,
  CATALOG_STATUSES,
  type CampaignCard,
  type CampaignPage,
  type CatalogQuery,
  type CatalogSort,
  type CatalogStatus,
  type ChangedCampaign,
  type HolderCampaignCard,
  type Page,
  type PageRequest,
  type Viewer,
} from './campaign-catalog.types';
import { toCard, toChangedCampaign, toHolderCard, toPage } from './campaign-page.mapping';
import { CampaignUpdateView } from './campaign-update-view.entity';
import { CampaignView } from './campaign-view.entity';
import { searchQuery } from './french-search';
import { keysetPage, type Keyset } from './keyset-page';
import { PUBLIC_STATUSES_SQL } from './read-model.migrations';
import { StretchGoalView } from './stretch-goal-view.entity';
import { TierView } from './tier-view.entity';

const CATALOG_KEYSETS: Readonly<Record<CatalogSort, Keyset>> = {
  newest: { name: 'newest', column: 'listedAt', direction: 'DESC', kind: 'instant' },
  ending_soon: { name: 'ending_soon', column: 'deadline', direction: 'ASC', kind: 'instant' },
  most_funded: { name: 'most_funded', column: 'committedAmount', direction: 'DESC', kind: 'integer' },
};
const HOLDER_KEYSET: Keyset = { name: 'holder_newest', column: 'createdAt', direction: 'DESC', kind: 'instant' };
/** Oldest unacknowledged change first: the moderators' queue. */
const CHANGED_KEYSET: Keyset = { name: 'changed_oldest', column: 'changedSince', direction: 'ASC', kind: 'instant' };
/** Longest waiting first: the moderators' review queue. */
const SUBMITTED_KEYSET: Keyset = { name: 'submitted_oldest', column: 'submittedAt', direction: 'ASC', kind: 'instant' };

const MAX_TEXT_LENGTH = 200;

const invalid = (field: string, message: string): ValidationError => new ValidationError(`${field} ${message}`, { field });

const isModerator = (viewer: Viewer): boolean => viewer.roles.includes('moderator') || viewer.roles.includes('admin');

/** Its holder, moderators and admins: they see drafts, and images waiting for review (ADR 0012). */
const isInsider = (campaign: CampaignView, viewer: Viewer | undefined): boolean =>
  viewer !== undefined && (viewer.accountId === campaign.holderId || isModerator(viewer));

/** Holders, moderators and admins see campaigns the public does not (drafts, submitted ones). */
const mayView = (campaign: CampaignView, viewer: Viewer | undefined): boolean =>
  (CATALOG_STATUSES as readonly string[]).includes(campaign.status) || isInsider(campaign, viewer);

/** The public page shows the approved image only, and nothing of a refusal. */
const asSeenBy = (page: CampaignPage, insider: boolean): CampaignPage =>
  insider ? page : { ...page, pendingImageUrl: null, imageRefusal: null };

const statusesOf = (status: CatalogQuery['status']): readonly CatalogStatus[] | undefined => {
  if (status === undefined) return undefined;
  const statuses = typeof status === 'string' ? [status] : status;
  if (statuses.length === 0 || statuses.some((s) => !(CATALOG_STATUSES as readonly string[]).includes(s)))
    throw invalid('status', `must be among ${CATALOG_STATUSES.join(', ')}`);
  return statuses;
};

/**
 * The campaign read models as the public API reads them: the catalog, a campaign page and a
 * holder's own campaigns. Time-dependent figures (time left) come from the injected clock.
 */
export class CampaignCatalog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Public campaigns only (approved, live, closed, cancelled), filtered, sorted, a page at a time. */
  async catalog(query: CatalogQuery = {}): Promise<Page<CampaignCard>> {
    const sort = query.sort ?? 'newest';
    if (!CATALOG_SORTS.includes(sort)) throw invalid('sort', `must be one of ${CATALOG_SORTS.join(', ')}`);
    const select = this.campaigns(this.dataSource.manager).where(`c.status IN ${PUBLIC_STATUSES_SQL}`);
    const statuses = statusesOf(query.status);
    if (statuses) select.andWhere('c.status IN (:...statuses)', { statuses });
    if (sort === 'ending_soon') select.andWhere(`c.status = 'live'`);
    if (query.departement !== undefined) {
      if (!isDepartement(query.departement)) throw invalid('departement', 'must be an INSEE département code');
      select.andWhere('c.departement = :departement', { departement: query.departement });
    }
    if (query.category !== undefined) {
      if (!CAMPAIGN_CATEGORIES.includes(query.category))
        throw invalid('category', `must be one of ${CAMPAIGN_CATEGORIES.join(', ')}`);
      select.andWhere('c.category = :category', { category: query.category });
    }
    const text = query.text?.trim() ?? '';
    if (text.length > MAX_TEXT_LENGTH) throw invalid('text', `must have at most ${MAX_TEXT_LENGTH} characters`);
    if (text.length > 0) select.andWhere(`c.searchVector @@ ${searchQuery(':text')}`, { text });
    const { rows, nextCursor } = await keysetPage(select, CATALOG_KEYSETS[sort], query);
    const now = this.clock.now();
    return { items: rows.map((row) => toCard(row, now)), nextCursor };
  }

  /**
   * A campaign's page, or null when there is none or the viewer may not see it yet (a draft or
   * submitted campaign: only its holder, moderators and admins). Read in one snapshot, so the
   * figures, tiers and updates agree with each other.
   */
  async campaignPage(campaignId: string, viewer?: Viewer): Promise<CampaignPage | null> {
    if (!isUuid(campaignId)) return null;
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const campaign = await this.campaigns(m).where('c.campaignId = :campaignId', { campaignId }).getOne();
      if (!campaign || !mayView(campaign, viewer)) return null;
      const tiers = await m
        .createQueryBuilder(TierView, 't')
        .where('t.campaignId = :campaignId', { campaignId })
        .orderBy('t.position', 'ASC')
        .getMany();
      const stretchGoals = await m
        .createQueryBuilder(StretchGoalView, 'g')
        .where('g.campaignId = :campaignId', { campaignId })
        .orderBy('g.position', 'ASC')
        .getMany();
      const updates = await m
        .createQueryBuilder(CampaignUpdateView, 'u')
        .where('u.campaignId = :campaignId', { campaignId })
        .orderBy('u.postedAt', 'DESC')
        .addOrderBy('u.updateId', 'DESC')
        .getMany();
      return asSeenBy(toPage({ campaign, tiers, stretchGoals, updates }, this.clock.now()), isInsider(campaign, viewer));
    });
  }

  /** Every campaign of one holder, whatever its status, most recently created first. */
  async holderCampaigns(holderId: string, request: PageRequest = {}): Promise<Page<HolderCampaignCard>> {
    if (!isUuid(holderId)) throw invalid('holderId', 'must be a UUID');
    const select = this.campaigns(this.dataSource.manager).where('c.holderId = :holderId', { holderId });
    const { rows, nextCursor } = await keysetPage(select, HOLDER_KEYSET, request);
    const now = this.clock.now();
    return { items: rows.map((row) => toHolderCard(row, now)), nextCursor };
  }

  /**
   * The moderators' "changed since approval" list (ADR 0012): campaigns with changes no
   * moderator acknowledged yet, oldest first. Refused to anyone but moderators and admins.
   */
  async changedSinceApproval(moderator: Viewer, request: PageRequest = {}): Promise<Page<ChangedCampaign>> {
    if (!isModerator(moderator))
      throw new ForbiddenError('only a moderator or an admin may list the changed campaigns', { actor: moderator.accountId });
    const select = this.campaigns(this.dataSource.manager).where('c.changedSince IS NOT NULL');
    const { rows, nextCursor } = await keysetPage(select, CHANGED_KEYSET, request);
    return { items: rows.map(toChangedCampaign), nextCursor };
  }

  /**
   * The moderators' review queue (issue #12): submitted campaigns waiting for a decision, the
   * longest waiting first. Refused to anyone but moderators and admins.
   */
  async submittedForReview(moderator: Viewer, request: PageRequest = {}): Promise<Page<HolderCampaignCard>> {
    if (!isModerator(moderator))
      throw new ForbiddenError('only a moderator or an admin may list the submitted campaigns', { actor: moderator.accountId });
    const select = this.campaigns(this.dataSource.manager).where(`c.status = 'submitted'`).andWhere('c.submittedAt IS NOT NULL');
    const { rows, nextCursor } = await keysetPage(select, SUBMITTED_KEYSET, request);
    const now = this.clock.now();
    return { items: rows.map((row) => toHolderCard(row, now)), nextCursor };
  }

  private campaigns(manager: EntityManager): SelectQueryBuilder<CampaignView> {
    return manager.createQueryBuilder(CampaignView, 'c');
  }
}
