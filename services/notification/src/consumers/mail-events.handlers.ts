import {
  campaignApproved,
  campaignEnded,
  campaignFailed,
  campaignLaunched,
  campaignRejected,
  campaignSucceeded,
  campaignUpdatePosted,
  pledgeCollectionDeclined,
  pledgeCommitted,
  pledgeWithdrawn,
  statementPaid,
} from '@elan/contracts';
import type { Clock } from '@elan/domain-kernel';
import { on, type HandlerContext, type IntegrationEventHandler } from '@elan/messaging';
import type { BackerDirectory } from '../backers/backer-directory';
import { excerptOf } from '../mails/campaign-update.mail';
import type { MailOutbox } from '../mails/mail-outbox';
import type { MailData } from '../mails/mail-templates';

export const NOTIFICATION_PLEDGES_CONSUMER = 'notification-pledges';
export const NOTIFICATION_CAMPAIGNS_CONSUMER = 'notification-campaigns';
export const NOTIFICATION_PAYOUTS_CONSUMER = 'notification-payouts';

/**
 * The pledge receipt, to whoever made the pledge: account or guest, the pledge service knows; a
 * declined collection, to the same. Commitments and withdrawals also keep the directory of each
 * campaign's backers, for the updates.
 */
export const pledgeMailHandlers = (outbox: MailOutbox, directory: BackerDirectory, clock: Clock): IntegrationEventHandler[] => [
  on(pledgeCommitted, async (pledge, { client, envelope }) => {
    await directory.committed(client, {
      pledgeId: pledge.pledgeId,
      campaignId: pledge.campaignId,
      contributorRef: pledge.contributorRef,
      committedAt: pledge.committedAt,
    });
    await outbox.record(
      client,
      {
        eventId: envelope.eventId,
        template: 'pledge_receipt',
        recipient: `pledge:${pledge.pledgeId}`,
        data: {
          pledgeId: pledge.pledgeId,
          campaignId: pledge.campaignId,
          fundingModel: pledge.fundingModel,
          amount: pledge.amount,
          tip: pledge.tip.amount,
          charged: pledge.charged,
          committedAt: pledge.committedAt,
        },
      },
      clock.now(),
    );
  }),
  on(pledgeWithdrawn, ({ pledgeId, withdrawnAt }, { client }) => directory.withdrawn(client, pledgeId, withdrawnAt)),
  on(pledgeCollectionDeclined, async (declined, { client, envelope }) => {
    const { pledgeId, campaignId, attempt, retryUntil, declinedAt } = declined;
    // The commitment came first on the pledge's stream; a pledge the directory never heard of
    // (committed before it existed) gets the guest's wording, which holds for anyone.
    const guest = (await directory.isGuest(client, pledgeId)) ?? true;
    await outbox.record(
      client,
      {
        eventId: envelope.eventId,
        template: 'collection_declined',
        recipient: `pledge:${pledgeId}`,
        data: { pledgeId, campaignId, guest, attempt, retryUntil, declinedAt },
      },
      clock.now(),
    );
  }),
];

/**
 * The campaign directory (holder, title) from the launch, and the outcome to the holder;
 * moderation's decisions to the holder; a posted update to each of the campaign's backers.
 */
export const campaignMailHandlers = (outbox: MailOutbox, directory: BackerDirectory, clock: Clock): IntegrationEventHandler[] => {
  const outcome = async (data: MailData['campaign_outcome'], { client, envelope }: HandlerContext) => {
    const holderId = await outbox.holderOf(client, data.campaignId);
    // Launch and outcome are one campaign's stream, delivered in order (ADR 0005): a missing
    // launch is a bus that lost it; failing sends the outcome to the dead letters for a human.
    if (!holderId) throw new Error(`campaign ${data.campaignId} ended before the notification service saw it launch`);
    await outbox.record(
      client,
      { eventId: envelope.eventId, template: 'campaign_outcome', recipient: `account:${holderId}`, data },
      clock.now(),
    );
  };
  return [
    on(campaignLaunched, ({ campaignId, holderId, title, fundingModel, startsAt }, { client }) =>
      outbox.rememberCampaign(client, { campaignId, holderId, title, fundingModel, launchedAt: startsAt }),
    ),
    on(campaignSucceeded, ({ campaignId, committedTotal, backers, closedAt }, context) =>
      outcome({ campaignId, outcome: 'succeeded', total: committedTotal, backers, closedAt }, context),
    ),
    on(campaignFailed, ({ campaignId, committedTotal, backers, closedAt }, context) =>
      outcome({ campaignId, outcome: 'failed', total: committedTotal, backers, closedAt }, context),
    ),
    on(campaignEnded, ({ campaignId, collectedTotal, backers, closedAt }, context) =>
      outcome({ campaignId, outcome: 'ended', total: collectedTotal, backers, closedAt }, context),
    ),
    // Moderation decisions name their holder and title: the campaign is not launched yet.
    on(campaignApproved, ({ campaignId, holderId, title, startsAt, deadline, approvedAt }, { client, envelope }) =>
      outbox.record(
        client,
        {
          eventId: envelope.eventId,
          template: 'moderation_decision',
          recipient: `account:${holderId}`,
          data: { campaignId, title, decision: 'approved', startsAt, deadline, decidedAt: approvedAt },
        },
        clock.now(),
      ),
    ),
    on(campaignRejected, ({ campaignId, holderId, title, reason, rejectedAt }, { client, envelope }) =>
      outbox.record(
        client,
        {
          eventId: envelope.eventId,
          template: 'moderation_decision',
          recipient: `account:${holderId}`,
          data: { campaignId, title, decision: 'rejected', reason, decidedAt: rejectedAt },
        },
        clock.now(),
      ),
    ),
    // One mail per pledge that still counts, from the directory the pledges consumer keeps.
    on(campaignUpdatePosted, async ({ campaignId, updateId, title, body, postedAt }, { client, envelope }) => {
      await directory.recordUpdateForBackers(
        client,
        { eventId: envelope.eventId, data: { campaignId, updateId, title, ...excerptOf(body), postedAt } },
        clock.now(),
      );
    }),
  ];
};

/** The statement paid, to the holder it paid. */
export const payoutMailHandlers = (outbox: MailOutbox, clock: Clock): IntegrationEventHandler[] => [
  on(statementPaid, ({ statementId, campaignId, holderId, amount, paidAt }, { client, envelope }) =>
    outbox.record(
      client,
      {
        eventId: envelope.eventId,
        template: 'statement_paid',
        recipient: `account:${holderId}`,
        data: { statementId, campaignId, amount, paidAt },
      },
      clock.now(),
    ),
  ),
];
