import {
  campaignEnded,
  campaignFailed,
  campaignLaunched,
  campaignSucceeded,
  pledgeCommitted,
  statementPaid,
} from '@elan/contracts';
import type { Clock } from '@elan/domain-kernel';
import { on, type HandlerContext, type IntegrationEventHandler } from '@elan/messaging';
import type { MailOutbox } from '../mails/mail-outbox';
import type { MailData } from '../mails/mail-templates';

export const NOTIFICATION_PLEDGES_CONSUMER = 'notification-pledges';
export const NOTIFICATION_CAMPAIGNS_CONSUMER = 'notification-campaigns';
export const NOTIFICATION_PAYOUTS_CONSUMER = 'notification-payouts';

/** The pledge receipt, to whoever made the pledge: account or guest, the pledge service knows. */
export const pledgeMailHandlers = (outbox: MailOutbox, clock: Clock): IntegrationEventHandler[] => [
  on(pledgeCommitted, async (pledge, { client, envelope }) => {
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
];

/** The campaign directory (holder, title) from the launch, and the outcome to the holder. */
export const campaignMailHandlers = (outbox: MailOutbox, clock: Clock): IntegrationEventHandler[] => {
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
