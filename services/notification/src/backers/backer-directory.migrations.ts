import type { MigrationSteps } from '@elan/event-store';

/**
 * The notification service's own list of each campaign's committed pledges (issue #12 part 2),
 * kept from `PledgeCommitted` and `PledgeWithdrawn`, so that an update posted on a campaign is
 * sent to its backers without asking the pledge service for them. Pseudonymous references only:
 * the pledge, its contributor as the event names them (an account id, or `guest:<hash>`), and
 * whether that is a guest (their mails cannot carry a link that opens their pledge).
 */
export const backerDirectoryMigrations: MigrationSteps = (s) => [
  {
    id: 'notification/0002-campaign-pledges',
    sql: `
      CREATE TABLE ${s}.campaign_pledges (
        pledge_id       uuid        PRIMARY KEY,
        campaign_id     uuid        NOT NULL,
        contributor_ref text        NOT NULL,
        guest           boolean     NOT NULL,
        committed_at    timestamptz NOT NULL,
        withdrawn_at    timestamptz
      );
      CREATE INDEX campaign_pledges_standing ON ${s}.campaign_pledges (campaign_id) WHERE withdrawn_at IS NULL;`,
  },
];
