import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CampaignStatus } from '../campaign/campaign.state';
import type { CampaignCategory, FundingModel, WatchedPart } from '../campaign/campaign.values';
import { safeInteger } from './safe-integer.transformer';

/** A status a campaign row can have (a row exists from creation on). */
export type CampaignViewStatus = Exclude<CampaignStatus, 'none'>;

/**
 * One campaign as the catalog and its page show it, folded from the `campaign-<id>` stream.
 * Money is in integer minor units of `currency`; `version` is the last stream position applied,
 * which makes the projection idempotent under replay.
 */
@Entity({ name: 'read_campaigns' })
export class CampaignView {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'holder_id', type: 'uuid' })
  holderId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  summary!: string;

  /** Issue #12 ("facile à lire et à comprendre"); null when there is none. */
  @Column({ name: 'plain_language_summary', type: 'text', nullable: true })
  plainLanguageSummary!: string | null;

  @Column({ type: 'text' })
  story!: string;

  @Column({ type: 'text' })
  category!: CampaignCategory;

  @Column({ name: 'image_url', type: 'text', nullable: true })
  imageUrl!: string | null;

  /** INSEE code of the département (`62`, `2A`, `971`). */
  @Column({ type: 'text' })
  departement!: string;

  @Column({ type: 'text', nullable: true })
  commune!: string | null;

  @Column({ type: 'text' })
  status!: CampaignViewStatus;

  @Column({ name: 'funding_model', type: 'text' })
  fundingModel!: FundingModel;

  /** Of the goal, and so of every amount pledged to the campaign (EUR until a goal says otherwise). */
  @Column({ type: 'text' })
  currency!: string;

  /** Absent while a draft has no goal yet. */
  @Column({ name: 'goal_amount', type: 'bigint', nullable: true, transformer: safeInteger })
  goalAmount!: number | null;

  /** Pledges committed: the running totals' while live or closing, the tally's once closed. */
  @Column({ name: 'committed_amount', type: 'bigint', transformer: safeInteger })
  committedAmount!: number;

  /** Money charged so far, net of refunds: a copy of the pledges' running totals (`pledge_totals`). */
  @Column({ name: 'raised_amount', type: 'bigint', transformer: safeInteger })
  raisedAmount!: number;

  @Column({ type: 'integer' })
  backers!: number;

  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deadline!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** The last submission to moderation. */
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true })
  rejectedAt!: Date | null;

  /** Shown to the holder until the campaign is submitted again. */
  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason!: string | null;

  @Column({ name: 'launched_at', type: 'timestamptz', nullable: true })
  launchedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  cancellationReason!: string | null;

  /** Generated: launch time, else approval time — the `newest` sort key. */
  @Column({ name: 'listed_at', type: 'timestamptz', nullable: true, insert: false, update: false })
  listedAt!: Date | null;

  /** Generated from title, summary, commune and story (see french-search.ts); never selected. */
  @Column({ name: 'search_vector', type: 'tsvector', select: false, insert: false, update: false })
  searchVector!: string;

  /** A new image waiting for a moderator; only its holder and moderators see it (ADR 0012). */
  @Column({ name: 'pending_image_url', type: 'text', nullable: true })
  pendingImageUrl!: string | null;

  @Column({ name: 'image_proposed_at', type: 'timestamptz', nullable: true })
  imageProposedAt!: Date | null;

  /** The last image a moderator refused, with why, for its holder until they propose another. */
  @Column({ name: 'refused_image_url', type: 'text', nullable: true })
  refusedImageUrl!: string | null;

  @Column({ name: 'image_refusal_reason', type: 'text', nullable: true })
  imageRefusalReason!: string | null;

  @Column({ name: 'image_refused_at', type: 'timestamptz', nullable: true })
  imageRefusedAt!: Date | null;

  /** How many changes were recorded since approval: what a moderator names to acknowledge them. */
  // The defaults are the migration's, which filled rows made before ADR 0012.
  @Column({ name: 'change_version', type: 'integer', default: 0 })
  changeVersion!: number;

  /** Parts changed since the last acknowledgement (`title`, `summary`, `story`, `imageUrl`…: `WATCHED_PARTS`). */
  @Column({ name: 'changed_parts', type: 'text', array: true, default: () => "'{}'" })
  changedParts!: WatchedPart[];

  /** The first change not yet acknowledged; null when there is none (the list's sort key). */
  @Column({ name: 'changed_since', type: 'timestamptz', nullable: true })
  changedSince!: Date | null;

  @Column({ name: 'last_changed_at', type: 'timestamptz', nullable: true })
  lastChangedAt!: Date | null;

  /** The words as a moderator last reviewed them: at approval, then at each acknowledgement. */
  @Column({ name: 'reviewed_title', type: 'text', nullable: true })
  reviewedTitle!: string | null;

  @Column({ name: 'reviewed_summary', type: 'text', nullable: true })
  reviewedSummary!: string | null;

  @Column({ name: 'reviewed_plain_language_summary', type: 'text', nullable: true })
  reviewedPlainLanguageSummary!: string | null;

  @Column({ name: 'reviewed_story', type: 'text', nullable: true })
  reviewedStory!: string | null;

  @Column({ type: 'bigint', transformer: safeInteger })
  version!: number;
}
