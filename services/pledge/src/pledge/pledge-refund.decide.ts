import { ForbiddenError, IllegalStateError } from '@elan/domain-kernel';
import { commandTime, existing, requireContributor, requireStatus, settlementOf } from './pledge-access';
import type { GrantRefund, RequestRefund } from './pledge.commands';
import type { PledgeRefunded, RefundRequested, TierUnitReleased } from './pledge.events';
import type { PledgeState } from './pledge.state';
import { releasedUnit } from './pledge-payment.decide';

/** Refunds: keep-it-all contributors ask and the holder or an admin grants; collected all-or-nothing pledges by an admin. */

export const requestRefund = (command: RequestRefund, state: PledgeState): RefundRequested | [] => {
  const { data, metadata } = command;
  const pledge = existing(state, data.pledgeId);
  requireContributor(pledge, metadata, 'ask for a refund');
  if (pledge.status === 'refund_requested') return [];
  if (pledge.fundingModel !== 'keep_it_all')
    throw new IllegalStateError('an all-or-nothing pledge is refunded by an admin only', { fundingModel: pledge.fundingModel });
  const committed = requireStatus(pledge, ['committed'], 'be refunded');
  const { reason } = data;
  const { at } = commandTime(metadata);
  const { pledgeId, campaignId } = committed;
  return { type: 'RefundRequested', data: { pledgeId, campaignId, ...(reason && { reason }), requestedAt: at } };
};

export const grantRefund = (command: GrantRefund, state: PledgeState): readonly (PledgeRefunded | TierUnitReleased)[] => {
  const { data, metadata } = command;
  const pledge = existing(state, data.pledgeId);
  const isAdmin = metadata.roles.includes('admin');
  const isHolder = metadata.actor === pledge.holderId;
  if (pledge.fundingModel === 'keep_it_all' ? !isAdmin && !isHolder : !isAdmin)
    throw new ForbiddenError(
      pledge.fundingModel === 'keep_it_all' ? "only the campaign's holder or an admin may refund" : 'only an admin may refund',
      { actor: metadata.actor },
    );
  const refundable = requireStatus(
    pledge,
    pledge.fundingModel === 'keep_it_all' ? ['refund_requested'] : ['collected'],
    'be refunded',
  );
  const { at } = commandTime(metadata);
  const { pledgeId, campaignId } = refundable;
  return [
    {
      type: 'PledgeRefunded',
      data: { pledgeId, campaignId, settlement: settlementOf(refundable, true), refundedBy: metadata.actor, refundedAt: at },
    },
    ...releasedUnit(refundable, 'refunded'),
  ];
};
