import type { Pool } from 'pg';
import type { NatsConnection } from 'nats';
import { payoutAccountOpened } from '@elan/contracts';
import { IllegalStateError } from '@elan/domain-kernel';
import type { MigrationSteps } from '@elan/event-store';
import { DurableConsumer, on, type IntegrationEventHandler } from '@elan/messaging';
import type { CampaignState } from '../campaign';

/** The durable consumer's name, as the NATS grants know it (`nats-peers.ts`, filter `elan.payout.>`). */
export const CAMPAIGN_PAYOUTS = 'campaign-payouts';

/** The holders who started a payout account (ADR 0026): a fact only added to, never taken back. */
export const payoutAccountsStartedMigrations: MigrationSteps = (s) => [
  {
    id: 'payouts/0001-holders-with-payout-account',
    sql: `
      CREATE TABLE ${s}.holders_with_payout_account (
        holder_id         uuid        PRIMARY KEY,
        stripe_account_id text        NOT NULL,
        opened_at         timestamptz NOT NULL
      );`,
  },
];

/** `PayoutAccountOpened` from the payout service: the holder is recorded in the inbox's transaction, once. */
export const payoutAccountHandlers = (schema: string): readonly IntegrationEventHandler[] => [
  on(payoutAccountOpened, async ({ holderId, stripeAccountId, openedAt }, { client }) => {
    await client.query(
      `INSERT INTO ${schema}.holders_with_payout_account (holder_id, stripe_account_id, opened_at)
       VALUES ($1, $2, $3) ON CONFLICT (holder_id) DO NOTHING`,
      [holderId, stripeAccountId, openedAt],
    );
  }),
];

export interface CampaignPayoutsConsumerOptions {
  readonly nc: NatsConnection;
  readonly pool: Pool;
  readonly schema: string;
  readonly onError?: (error: unknown, message: { subject: string; eventId?: string }) => void;
}

/** The campaign service's durable consumer of the payout service's events. */
export const campaignPayoutsConsumer = (options: CampaignPayoutsConsumerOptions): DurableConsumer =>
  new DurableConsumer({ ...options, durableName: CAMPAIGN_PAYOUTS, handlers: payoutAccountHandlers(options.schema) });

/**
 * "A campaign cannot be submitted for review without a payout account started" (issue #11),
 * when `required`: checked before the decider, on the campaign's holder, only when the holder is
 * the one submitting (anyone else is refused by the decider first, as before). Once started an
 * account stays started, so a check outside the decision's transaction can only be late, never
 * wrong the other way.
 */
export class SubmissionGate {
  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly required: boolean,
  ) {}

  async hasPayoutAccount(holderId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM ${this.schema}.holders_with_payout_account WHERE holder_id = $1`, [
      holderId,
    ]);
    return (rowCount ?? 0) > 0;
  }

  async check(campaign: CampaignState, actor: string): Promise<void> {
    if (!this.required || campaign.status !== 'draft' || campaign.holderId !== actor) return;
    if (await this.hasPayoutAccount(campaign.holderId)) return;
    throw new IllegalStateError(
      'a campaign cannot be submitted for review before its holder starts a payout account (POST /api/me/payout-account); ' +
        'a payout account just started is known within seconds',
      { reason: 'payout_account_required', holderId: campaign.holderId },
    );
  }
}
