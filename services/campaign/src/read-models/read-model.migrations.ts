import type { MigrationSteps } from '@elan/event-store';
import { campaignSearchVector } from './french-search';

/** The statuses the public catalog shows: approved (scheduled), live, closing, closed and cancelled. */
export const PUBLIC_STATUSES_SQL = `('approved', 'live', 'closing', 'succeeded', 'failed', 'ended', 'cancelled')`;

/** The list the first step's indexes were made with, before `closing` (ADR 0008): released steps never change. */
const PUBLIC_STATUSES_0001_SQL = `('approved', 'live', 'succeeded', 'failed', 'ended', 'cancelled')`;

/** Every read-model table, in the order a rebuild empties them. */
export const READ_MODEL_TABLES = [
  'read_campaign_updates',
  'read_campaign_stretch_goals',
  'read_tier_holds',
  'read_campaign_tiers',
  'read_campaigns',
] as const;

/**
 * The read-model tables, as migration steps the service runs with its others (ADR 0015).
 *
 * Declared here and mapped by the entities, checked against each other by
 * `read-model.migrations.int.spec.ts` (TypeORM's schema builder finds nothing to change once
 * these ran). Not generated TypeORM migration classes: read models hold nothing that cannot be
 * rebuilt from the log, the schema name is chosen at run time (tests use a random one), and
 * TypeORM's runner takes no lock when replicas start together. `synchronize` stays off: it may
 * drop columns and cannot be reviewed.
 *
 * The first step is the DDL every schema made before the one runner already ran, idempotent so
 * such a schema only gains the record of it. Later changes are new steps; a changed table may
 * also be dropped and rebuilt (`npm run campaign:rebuild-read-models`).
 */
export const readModelMigrations: MigrationSteps = (s) => [
  { id: 'read-models/0001-tables', sql: baseline(s).join(';\n') },
  { id: 'read-models/0002-closing-is-public', sql: closingIsPublic(s).join(';\n') },
  { id: 'read-models/0003-plain-language-summary', sql: plainLanguageSummary(s).join(';\n') },
];

/**
 * The plain-language summary (issue #12, ADR 0033), shown and as moderators last reviewed it.
 * Null in every row made before it, which is right: no event before it carries one, so no
 * rebuild is needed. Not in the search vector: its words are the summary's and the story's, said
 * more simply, and a generated column cannot change without being made again.
 */
const plainLanguageSummary = (s: string): readonly string[] => [
  `ALTER TABLE ${s}.read_campaigns
     ADD COLUMN IF NOT EXISTS plain_language_summary          text,
     ADD COLUMN IF NOT EXISTS reviewed_plain_language_summary text`,
];

/**
 * A campaign past its deadline waits for its tally (`closing`, ADR 0008) in public: the partial
 * indexes of the catalog's sorts and filters are made again to hold it.
 */
const closingIsPublic = (s: string): readonly string[] => [
  `DROP INDEX ${s}.read_campaigns_newest, ${s}.read_campaigns_most_funded, ${s}.read_campaigns_departement, ${s}.read_campaigns_category`,
  `CREATE INDEX read_campaigns_newest ON ${s}.read_campaigns (listed_at DESC, campaign_id DESC)
     WHERE status IN ${PUBLIC_STATUSES_SQL}`,
  `CREATE INDEX read_campaigns_most_funded ON ${s}.read_campaigns (committed_amount DESC, campaign_id DESC)
     WHERE status IN ${PUBLIC_STATUSES_SQL}`,
  `CREATE INDEX read_campaigns_departement ON ${s}.read_campaigns (departement, listed_at DESC, campaign_id DESC)
     WHERE status IN ${PUBLIC_STATUSES_SQL}`,
  `CREATE INDEX read_campaigns_category ON ${s}.read_campaigns (category, listed_at DESC, campaign_id DESC)
     WHERE status IN ${PUBLIC_STATUSES_SQL}`,
];

const baseline = (s: string): readonly string[] => [
  `CREATE TABLE IF NOT EXISTS ${s}.read_campaigns (
     campaign_id         uuid        PRIMARY KEY,
     holder_id           uuid        NOT NULL,
     title               text        NOT NULL,
     summary             text        NOT NULL,
     story               text        NOT NULL,
     category            text        NOT NULL,
     image_url           text,
     departement         text        NOT NULL,
     commune             text,
     status              text        NOT NULL,
     funding_model       text        NOT NULL,
     currency            text        NOT NULL,
     goal_amount         bigint,
     committed_amount    bigint      NOT NULL,
     raised_amount       bigint      NOT NULL,
     backers             integer     NOT NULL,
     starts_at           timestamptz,
     deadline            timestamptz,
     created_at          timestamptz NOT NULL,
     submitted_at        timestamptz,
     approved_at         timestamptz,
     rejected_at         timestamptz,
     rejection_reason    text,
     launched_at         timestamptz,
     closed_at           timestamptz,
     cancelled_at        timestamptz,
     cancellation_reason text,
     listed_at           timestamptz GENERATED ALWAYS AS (coalesce(launched_at, approved_at)) STORED,
     search_vector       tsvector    GENERATED ALWAYS AS (${campaignSearchVector()}) STORED,
     version             bigint      NOT NULL
   )`,
  // One index per catalog sort, keyed like its cursor, holding only what the catalog shows.
  `CREATE INDEX IF NOT EXISTS read_campaigns_newest ON ${s}.read_campaigns (listed_at DESC, campaign_id DESC)
     WHERE status IN ${PUBLIC_STATUSES_0001_SQL}`,
  `CREATE INDEX IF NOT EXISTS read_campaigns_ending_soon ON ${s}.read_campaigns (deadline, campaign_id)
     WHERE status = 'live'`,
  `CREATE INDEX IF NOT EXISTS read_campaigns_most_funded ON ${s}.read_campaigns (committed_amount DESC, campaign_id DESC)
     WHERE status IN ${PUBLIC_STATUSES_0001_SQL}`,
  // Territorial portals and category pages list one département or category, newest first.
  `CREATE INDEX IF NOT EXISTS read_campaigns_departement ON ${s}.read_campaigns (departement, listed_at DESC, campaign_id DESC)
     WHERE status IN ${PUBLIC_STATUSES_0001_SQL}`,
  `CREATE INDEX IF NOT EXISTS read_campaigns_category ON ${s}.read_campaigns (category, listed_at DESC, campaign_id DESC)
     WHERE status IN ${PUBLIC_STATUSES_0001_SQL}`,
  `CREATE INDEX IF NOT EXISTS read_campaigns_holder ON ${s}.read_campaigns (holder_id, created_at DESC, campaign_id DESC)`,
  `CREATE INDEX IF NOT EXISTS read_campaigns_search ON ${s}.read_campaigns USING gin (search_vector)`,
  // Changes since approval (ADR 0012), added to tables created before them; defaults fill old rows.
  `ALTER TABLE ${s}.read_campaigns
     ADD COLUMN IF NOT EXISTS pending_image_url    text,
     ADD COLUMN IF NOT EXISTS image_proposed_at    timestamptz,
     ADD COLUMN IF NOT EXISTS refused_image_url    text,
     ADD COLUMN IF NOT EXISTS image_refusal_reason text,
     ADD COLUMN IF NOT EXISTS image_refused_at     timestamptz,
     ADD COLUMN IF NOT EXISTS change_version       integer     NOT NULL DEFAULT 0,
     ADD COLUMN IF NOT EXISTS changed_parts        text[]      NOT NULL DEFAULT '{}',
     ADD COLUMN IF NOT EXISTS changed_since        timestamptz,
     ADD COLUMN IF NOT EXISTS last_changed_at      timestamptz,
     ADD COLUMN IF NOT EXISTS reviewed_title       text,
     ADD COLUMN IF NOT EXISTS reviewed_summary     text,
     ADD COLUMN IF NOT EXISTS reviewed_story       text`,
  // The moderators' "changed since approval" list, oldest change first, keyed like its cursor.
  `CREATE INDEX IF NOT EXISTS read_campaigns_changed ON ${s}.read_campaigns (changed_since, campaign_id)
     WHERE changed_since IS NOT NULL`,

  `CREATE TABLE IF NOT EXISTS ${s}.read_campaign_tiers (
     campaign_id        uuid    NOT NULL,
     tier_id            uuid    NOT NULL,
     position           bigint  NOT NULL,
     minimum_amount     bigint  NOT NULL,
     currency           text    NOT NULL,
     title              text    NOT NULL,
     description        text    NOT NULL,
     quantity_limit     integer,
     units_taken        integer NOT NULL,
     estimated_delivery text,
     status             text    NOT NULL,
     PRIMARY KEY (campaign_id, tier_id)
   )`,
  `CREATE INDEX IF NOT EXISTS read_campaign_tiers_tier ON ${s}.read_campaign_tiers (tier_id)`,

  `CREATE TABLE IF NOT EXISTS ${s}.read_tier_holds (
     tier_id        uuid   NOT NULL,
     pledge_id      text   NOT NULL,
     campaign_id    uuid   NOT NULL,
     reservation_id text   NOT NULL,
     status         text   NOT NULL,
     version        bigint NOT NULL,
     PRIMARY KEY (tier_id, pledge_id)
   )`,

  `CREATE TABLE IF NOT EXISTS ${s}.read_campaign_stretch_goals (
     campaign_id     uuid    NOT NULL,
     stretch_goal_id uuid    NOT NULL,
     position        integer NOT NULL,
     amount          bigint  NOT NULL,
     currency        text    NOT NULL,
     description     text    NOT NULL,
     PRIMARY KEY (campaign_id, stretch_goal_id)
   )`,

  `CREATE TABLE IF NOT EXISTS ${s}.read_campaign_updates (
     campaign_id uuid        NOT NULL,
     update_id   uuid        NOT NULL,
     title       text        NOT NULL,
     body        text        NOT NULL,
     posted_at   timestamptz NOT NULL,
     PRIMARY KEY (campaign_id, update_id)
   )`,
  `CREATE INDEX IF NOT EXISTS read_campaign_updates_newest ON ${s}.read_campaign_updates (campaign_id, posted_at DESC, update_id DESC)`,
];
