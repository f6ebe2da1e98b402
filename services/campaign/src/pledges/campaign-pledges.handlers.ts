import {
  pledgeChanged,
  pledgeCollected,
  pledgeCommitted,
  pledgesTallied,
  pledgeWithdrawn,
  tierUnitReleased,
} from '@elan/contracts';
import { IllegalStateError } from '@elan/domain-kernel';
import { on, type IntegrationEventHandler } from '@elan/messaging';
import type { CampaignApplication } from '../application/campaign-application';
import type { TierRef, TierStockService } from '../tier-stock/application/tier-stock.service';
import { changeTotals } from './pledge-totals';
import { STOCK_REASON_OF } from './tier-release-reasons';

/** A confirmation the stock refused: the pledge still counts, its unit is for a human to settle. */
export interface RefusedConfirmation extends TierRef {
  readonly pledgeId: string;
  readonly holdId: string;
  readonly reason: string;
}

export interface CampaignPledgeHandlersOptions {
  /** The campaign service's schema: its totals and its inbox. */
  readonly schema: string;
  readonly tierStock: TierStockService;
  /** Decides the outcome of a closing campaign on the tally (ADR 0008). */
  readonly campaigns: CampaignApplication;
  /** Told of a unit the stock would not confirm (sold out after the hold lapsed, or released). */
  readonly onRefusedConfirmation: (refusal: RefusedConfirmation) => void;
}

/**
 * What the campaign does with the pledge service's events. The totals move in the inbox's
 * transaction (`client`), so each event counts exactly once. The tier stock decides under its
 * own stream lock, in its own transaction, committed first: confirming or releasing a pledge's
 * unit twice changes nothing (the stock is keyed by pledge), so when the inbox's transaction
 * fails after it, the redelivery finds the unit already settled and only the totals move.
 */
export const campaignPledgeHandlers = ({
  schema,
  tierStock,
  campaigns,
  onRefusedConfirmation,
}: CampaignPledgeHandlersOptions): readonly IntegrationEventHandler[] => {
  /**
   * A committed pledge has been paid for or has its card saved: the campaign cannot refuse it.
   * If the stock refuses its unit, the pledge is still counted and the refusal reported.
   */
  const confirmUnit = async (unit: TierRef & { pledgeId: string; holdId: string }): Promise<void> => {
    try {
      await tierStock.confirm(unit);
    } catch (error) {
      if (!(error instanceof IllegalStateError)) throw error;
      onRefusedConfirmation({ ...unit, reason: error.message });
    }
  };

  return [
    on(pledgeCommitted, async (pledge, { client }) => {
      const { pledgeId, campaignId, tierId, holdId, amount, charged } = pledge;
      if (tierId && holdId) await confirmUnit({ campaignId, tierId, pledgeId, holdId });
      await changeTotals(client, schema, campaignId, amount.currency, {
        committed: amount.amount,
        raised: charged ? amount.amount : 0,
        backers: 1,
      });
    }),

    on(pledgeChanged, async (change, { client }) => {
      const { pledgeId, campaignId, tierId, holdId, amount, previousAmount } = change;
      if (amount.currency !== previousAmount.currency) throw new Error(`pledge ${pledgeId} changed currency`);
      if (tierId && holdId) await confirmUnit({ campaignId, tierId, pledgeId, holdId });
      await changeTotals(client, schema, campaignId, amount.currency, {
        committed: amount.amount - previousAmount.amount,
        raised: 0,
        backers: 0,
      });
    }),

    on(pledgeCollected, async ({ campaignId, amount }, { client }) => {
      await changeTotals(client, schema, campaignId, amount.currency, { committed: 0, raised: amount.amount, backers: 0 });
    }),

    on(pledgeWithdrawn, async ({ campaignId, amount, charged }, { client }) => {
      await changeTotals(client, schema, campaignId, amount.currency, {
        committed: -amount.amount,
        raised: charged ? -amount.amount : 0,
        backers: -1,
      });
    }),

    on(tierUnitReleased, async ({ campaignId, tierId, pledgeId, reason }) => {
      await tierStock.release({ campaignId, tierId, pledgeId, reason: STOCK_REASON_OF[reason] });
    }),

    /**
     * The outcome is appended to the campaign's stream with the inbox's transaction: the tally
     * is handled exactly when the outcome is recorded. A campaign not closing ignores it.
     */
    on(pledgesTallied, async ({ campaignId, deadline, committedTotal, backers }, { client, envelope }) => {
      await campaigns.execute(
        {
          type: 'RecordPledgeTally',
          data: { campaignId, deadline, committedTotal, backers },
          metadata: { actor: 'pledge', correlationId: envelope.correlationId ?? envelope.eventId, causationId: envelope.eventId },
        },
        client,
      );
    }),
  ];
};
