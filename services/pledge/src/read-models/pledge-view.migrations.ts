import type { MigrationSteps } from '@elan/event-store';

/**
 * The pledge service's own tables beside its log. `pledges` is the view of each pledge, written
 * in the very transaction that appends its events (so a contributor reads their pledge as soon as
 * it is answered), holding personal data only sealed (ADR 0022). `campaign_closings` holds the
 * campaigns whose deadline passed, until their pledges are tallied (ADR 0008).
 */
export const pledgeViewMigrations: MigrationSteps = (s) => [
  {
    id: 'pledge/0001-pledges',
    sql: `
      CREATE TABLE ${s}.pledges (
        pledge_id         uuid        PRIMARY KEY,
        campaign_id       uuid        NOT NULL,
        holder_id         uuid        NOT NULL,
        funding_model     text        NOT NULL,
        status            text        NOT NULL,
        amount            bigint      NOT NULL CHECK (amount > 0),
        tip_amount        bigint      NOT NULL CHECK (tip_amount >= 0),
        currency          text        NOT NULL,
        tier_id           uuid,
        contributor_kind  text        NOT NULL CHECK (contributor_kind IN ('account', 'guest')),
        account_id        uuid,
        guest_token_hash  text,
        show_name         boolean     NOT NULL,
        name_sealed       text,
        email_sealed      text,
        message_sealed    text,
        intent_id         text,
        payment_intent_id text,
        deadline          timestamptz NOT NULL,
        placed_at         timestamptz NOT NULL,
        committed_at      timestamptz,
        retry_until       timestamptz,
        updated_at        timestamptz NOT NULL,
        version           integer     NOT NULL
      );
      CREATE INDEX pledges_by_campaign ON ${s}.pledges (campaign_id, status);
      CREATE INDEX pledges_by_account ON ${s}.pledges (account_id, placed_at DESC) WHERE account_id IS NOT NULL;
      CREATE INDEX pledges_unfinished ON ${s}.pledges (updated_at)
        WHERE status IN ('placed', 'awaiting_payment', 'awaiting_card_setup', 'payment_failed');
      CREATE TABLE ${s}.campaign_closings (
        campaign_id  uuid        PRIMARY KEY,
        deadline     timestamptz NOT NULL,
        currency     text        NOT NULL,
        tally_due_at timestamptz NOT NULL,
        tallied_at   timestamptz
      );`,
  },
  {
    // The backers list and the wall of messages page a campaign's committed pledges in
    // (committed_at, placed_at, pledge_id) order, forwards and backwards: one index serves both
    // without sorting the campaign's pledges at every page.
    id: 'pledge/0002-pledges-backers-order',
    sql: `
      CREATE INDEX pledges_backers_order ON ${s}.pledges (campaign_id, committed_at, placed_at, pledge_id)
        WHERE committed_at IS NOT NULL;`,
  },
  {
    // Succeeded all-or-nothing campaigns whose collection is under way, until the sweeper finds
    // no pledge left being collected and records CampaignCollectionClosed (once: closed_at).
    id: 'pledge/0003-campaign-collections',
    sql: `
      CREATE TABLE ${s}.campaign_collections (
        campaign_id  uuid        PRIMARY KEY,
        currency     text        NOT NULL,
        succeeded_at timestamptz NOT NULL,
        closed_at    timestamptz
      );
      CREATE INDEX campaign_collections_open ON ${s}.campaign_collections (succeeded_at) WHERE closed_at IS NULL;`,
  },
];
