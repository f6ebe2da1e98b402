import type { NatsConnection } from 'nats';
import { getPledgeTerms, reserveTierUnit, type ReplyOf } from '@elan/contracts';
import { RequestClient } from '@elan/messaging';

export type PledgeTerms = ReplyOf<typeof getPledgeTerms>;
export type TierReservation = ReplyOf<typeof reserveTierUnit>;

/** What the pledge service asks the campaign service, synchronously, before a payment (ADR 0007). */
export interface CampaignTerms {
  terms(campaignId: string, tierId?: string): Promise<PledgeTerms>;
  reserve(campaignId: string, tierId: string, pledgeId: string): Promise<TierReservation>;
}

/** Over NATS request/reply, as the pledge service's own user (ADR 0011 grants it exactly these two). */
export const campaignTermsOver = (nc: NatsConnection, timeoutMs = 5_000): CampaignTerms => {
  const client = new RequestClient({ connection: () => nc, timeoutMs });
  return {
    terms: (campaignId, tierId) => client.request(getPledgeTerms, { campaignId, ...(tierId && { tierId }) }),
    reserve: (campaignId, tierId, pledgeId) => client.request(reserveTierUnit, { campaignId, tierId, pledgeId }),
  };
};
