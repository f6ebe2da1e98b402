import {
  campaignCancelled,
  campaignCollectionClosed,
  campaignEnded,
  campaignFailed,
  campaignLaunched,
  campaignSucceeded,
  pledgeCollected,
  pledgeCommitted,
  pledgeWithdrawn,
} from '@elan/contracts';
import type { Currency } from '@elan/domain-kernel';
import { on, type IntegrationEventHandler } from '@elan/messaging';
import type { PayoutStatements } from '../app/payout-statements';
import type { CampaignOutcome } from '../ledger';

/** The durable consumers of the campaign and pledge services' events, as `nats-peers.ts` grants them. */
export const PAYOUT_PLEDGES_CONSUMER = 'payout-pledges';
export const PAYOUT_CAMPAIGNS_CONSUMER = 'payout-campaigns';

/**
 * What of the pledges' life reaches a campaign's payout ledger, in the inbox's transaction
 * (exactly once): each pledge charged (keep-it-all at commitment, all-or-nothing at collection),
 * each refund of a charged pledge, and the end of an all-or-nothing collection. Pledge amounts
 * only: the tip of each is the platform's and stays out.
 */
export const pledgeEventHandlers = (statements: PayoutStatements): IntegrationEventHandler[] => [
  on(pledgeCommitted, async ({ campaignId, pledgeId, amount, charged, paymentIntentId, committedAt }, { client }) => {
    if (!charged || !paymentIntentId) return; // a saved card: charged at collection, if ever
    await statements.record(
      campaignId,
      (now) => [
        {
          type: 'RecordCharge',
          data: {
            campaignId,
            pledgeId,
            amount: { amount: amount.amount, currency: amount.currency as Currency },
            paymentIntentId,
            chargedAt: committedAt,
          },
          metadata: { now },
        },
      ],
      client,
    );
  }),
  on(pledgeCollected, async ({ campaignId, pledgeId, amount, paymentIntentId, collectedAt }, { client }) => {
    await statements.record(
      campaignId,
      (now) => [
        {
          type: 'RecordCharge',
          data: {
            campaignId,
            pledgeId,
            amount: { amount: amount.amount, currency: amount.currency as Currency },
            paymentIntentId,
            chargedAt: collectedAt,
          },
          metadata: { now },
        },
      ],
      client,
    );
  }),
  on(pledgeWithdrawn, async ({ campaignId, pledgeId, amount, reason, charged, withdrawnAt }, { client }) => {
    // Released and dropped pledges were never charged; cancelled and refunded ones are given back when they were.
    if (!charged || (reason !== 'refunded' && reason !== 'cancelled')) return;
    await statements.record(
      campaignId,
      (now) => [
        {
          type: 'RecordRefund',
          data: {
            campaignId,
            pledgeId,
            amount: { amount: amount.amount, currency: amount.currency as Currency },
            reason,
            refundedAt: withdrawnAt,
          },
          metadata: { now },
        },
      ],
      client,
    );
  }),
  on(campaignCollectionClosed, async ({ campaignId, collected, dropped, closedAt }, { client }) => {
    const tally = (t: typeof collected) => ({
      count: t.count,
      amount: { amount: t.amount.amount, currency: t.amount.currency as Currency },
    });
    await statements.record(
      campaignId,
      (now) => [
        {
          type: 'RecordCollectionClosure',
          data: { campaignId, collected: tally(collected), dropped: tally(dropped), closedAt },
          metadata: { now },
        },
      ],
      client,
    );
  }),
];

/** The campaign's holder, funding model and currency at launch, and its outcome. */
export const campaignEventHandlers = (statements: PayoutStatements): IntegrationEventHandler[] => {
  const outcome = (
    campaignId: string,
    value: CampaignOutcome,
    closedAt: string,
    client: Parameters<PayoutStatements['record']>[2],
  ) =>
    statements.record(
      campaignId,
      (now) => [{ type: 'RecordOutcome', data: { campaignId, outcome: value, closedAt }, metadata: { now } }],
      client,
    );
  return [
    on(campaignLaunched, async ({ campaignId, holderId, fundingModel, goal }, { client }) => {
      await statements.record(
        campaignId,
        (now) => [
          {
            type: 'RecordCampaign',
            data: { campaignId, holderId, fundingModel, currency: goal.currency as Currency },
            metadata: { now },
          },
        ],
        client,
      );
    }),
    on(campaignSucceeded, ({ campaignId, closedAt }, { client }) => outcome(campaignId, 'succeeded', closedAt, client)),
    on(campaignFailed, ({ campaignId, closedAt }, { client }) => outcome(campaignId, 'failed', closedAt, client)),
    on(campaignEnded, ({ campaignId, closedAt }, { client }) => outcome(campaignId, 'ended', closedAt, client)),
    on(campaignCancelled, ({ campaignId, cancelledAt }, { client }) => outcome(campaignId, 'cancelled', cancelledAt, client)),
  ];
};
