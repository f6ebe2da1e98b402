import type { PoolClient } from 'pg';
import type { ExistingPledge, PledgeState } from '../pledge';

/** A row of `pledges`, as PostgreSQL returns it. */
export interface PledgeRow {
  readonly pledge_id: string;
  readonly campaign_id: string;
  readonly holder_id: string;
  readonly funding_model: 'keep_it_all' | 'all_or_nothing';
  readonly status: ExistingPledge['status'];
  readonly amount: string;
  readonly tip_amount: string;
  readonly currency: string;
  readonly tier_id: string | null;
  readonly contributor_kind: 'account' | 'guest';
  readonly account_id: string | null;
  readonly guest_token_hash: string | null;
  readonly show_name: boolean;
  readonly name_sealed: string | null;
  readonly email_sealed: string | null;
  readonly message_sealed: string | null;
  readonly intent_id: string | null;
  readonly payment_intent_id: string | null;
  readonly deadline: Date;
  readonly placed_at: Date;
  readonly committed_at: Date | null;
  readonly retry_until: Date | null;
  readonly updated_at: Date;
}

/** The intent of the checkout (or of the commitment), whatever the status. */
const intentOf = (pledge: ExistingPledge): string | null => ('intentId' in pledge ? (pledge.intentId ?? null) : null);

/** The PaymentIntent that took the money, if any did. */
const paymentIntentOf = (pledge: ExistingPledge): string | null => {
  if ('paymentIntentId' in pledge) return pledge.paymentIntentId;
  if (pledge.fundingModel === 'keep_it_all' && 'intentId' in pledge && pledge.intentId?.startsWith('pi_')) return pledge.intentId;
  return null;
};

/**
 * Writes the pledge's row from its folded state, in the transaction that appended its events.
 * The version guard keeps a slower writer of an older state from overwriting a newer one.
 */
export const savePledgeRow = async (
  client: PoolClient,
  schema: string,
  state: PledgeState,
  version: number,
  now: Date,
): Promise<PledgeRow | undefined> => {
  if (state.status === 'none') return undefined;
  const { contributor, details } = state;
  const saved = await client.query<PledgeRow>(
    `INSERT INTO ${schema}.pledges (pledge_id, campaign_id, holder_id, funding_model, status, amount, tip_amount, currency,
       tier_id, contributor_kind, account_id, guest_token_hash, show_name, name_sealed, email_sealed, message_sealed,
       intent_id, payment_intent_id, deadline, placed_at, committed_at, retry_until, updated_at, version)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24)
     ON CONFLICT (pledge_id) DO UPDATE SET status = EXCLUDED.status, amount = EXCLUDED.amount,
       tier_id = EXCLUDED.tier_id, intent_id = EXCLUDED.intent_id, payment_intent_id = EXCLUDED.payment_intent_id,
       committed_at = EXCLUDED.committed_at, retry_until = EXCLUDED.retry_until, updated_at = EXCLUDED.updated_at,
       version = EXCLUDED.version
     WHERE ${schema}.pledges.version < EXCLUDED.version
     RETURNING *`,
    [
      state.pledgeId,
      state.campaignId,
      state.holderId,
      state.fundingModel,
      state.status,
      state.amount.amount,
      state.tip.amount.amount,
      state.amount.currency,
      state.tier?.tierId ?? null,
      contributor.kind,
      contributor.kind === 'account' ? contributor.accountId : null,
      contributor.kind === 'guest' ? contributor.guestTokenHash : null,
      details.showName,
      details.name ?? null,
      details.email ?? null,
      details.message ?? null,
      intentOf(state),
      paymentIntentOf(state),
      state.deadline,
      state.placedAt,
      'committedAt' in state ? (state.committedAt ?? null) : null,
      'retryUntil' in state ? (state.retryUntil ?? null) : null,
      now,
      version,
    ],
  );
  return saved.rows[0];
};
