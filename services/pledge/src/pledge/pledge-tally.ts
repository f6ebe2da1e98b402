import { createHash } from 'node:crypto';
import { sum, type Currency, type DomainEvent, type Money } from '@elan/domain-kernel';
import { timeOf } from './pledge-access';
import { isIn, STANDING, type PledgeState, type StandingPledge } from './pledge.state';
import type { Instant } from './pledge.values';

/**
 * The pledge side's answer to `CampaignDeadlineReached` (ADR 0008): what the pledges committed
 * before the deadline add up to. The campaign decides its outcome from this, never from its own
 * running totals.
 */
export type PledgesTallied = DomainEvent<
  'PledgesTallied',
  {
    readonly campaignId: string;
    readonly deadline: Instant;
    /** The sum of the pledges (tips excluded) committed before the deadline and still standing. */
    readonly committedTotal: Money;
    /** How many pledges that sum counts. */
    readonly backers: number;
    /** SHA-256 of the counted pledge ids, sorted and joined by newlines: two tallies agree iff their digests do. */
    readonly pledgeIdsDigest: string;
    readonly talliedAt: Instant;
  }
>;

/**
 * Tallies the folded states of a campaign's pledges. A pledge counts when it was committed
 * strictly before the deadline and has not been cancelled, released, dropped or refunded since;
 * pledges still waiting for a payment and late ones do not. Pure: the service passes every
 * pledge stream of the campaign, folded, and the time.
 */
export const tally = (
  campaignId: string,
  deadline: Instant,
  pledges: readonly PledgeState[],
  currency: Currency,
  now: Date,
): PledgesTallied => {
  const deadlineMs = timeOf(deadline);
  const counted = pledges.filter((pledge): pledge is StandingPledge => {
    if (pledge.status === 'none') return false;
    if (pledge.campaignId !== campaignId)
      throw new TypeError(`pledge ${pledge.pledgeId} belongs to campaign ${pledge.campaignId}, not ${campaignId}`);
    return isIn(pledge, STANDING) && timeOf(pledge.committedAt) < deadlineMs;
  });
  const ids = counted.map((pledge) => pledge.pledgeId).sort();
  const amounts = counted.map((pledge) => pledge.amount);
  return {
    type: 'PledgesTallied',
    data: {
      campaignId,
      deadline,
      committedTotal: sum(amounts, currency),
      backers: counted.length,
      pledgeIdsDigest: createHash('sha256').update(ids.join('\n')).digest('hex'),
      talliedAt: now.toISOString(),
    },
  };
};
