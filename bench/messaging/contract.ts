/**
 * What travels: an integration event of the publishing service (campaign) that the consuming
 * service (pledge) handles, named after the run so that no other run's messages, consumers or
 * inbox rows ever mix with this one's. The payload looks like Élan's (a pledge's facts, money in
 * minor units, about 400 bytes of JSON) and carries the moment its append was issued.
 */
import { z } from 'zod';
import { defineIntegrationEvent } from '@elan/contracts';

export const benchContract = (runId: string) =>
  defineIntegrationEvent({
    service: 'campaign',
    type: `BenchPledgeRecorded${runId}`,
    version: 1,
    description: 'bench/messaging only: a pledge fact carrying the time its append was issued.',
    consumers: ['pledge'],
    schema: z.object({
      pledgeId: z.string(),
      campaignId: z.string(),
      contributorId: z.string(),
      amount: z.object({ amount: z.number().int(), currency: z.string() }),
      tierId: z.string(),
      sequence: z.number().int(),
      recordedAt: z.string(),
      /** `now()` of the publishing process when the append was issued, in ms (fractional). */
      sentAt: z.number(),
    }),
  });

export type BenchContract = ReturnType<typeof benchContract>;
export type BenchPayload = z.infer<BenchContract['schema']>;

/** The baseline's subject: in the same `ELAN` stream, beside the contract's own. */
export const baselineSubject = (runId: string): string => `elan.campaign.BenchBaseline${runId}.v1`;

/**
 * Wall-clock milliseconds with sub-millisecond resolution, comparable between the two processes
 * of the run (both read the same system clock; main.ts measures and removes what offset remains).
 */
export const now = (): number => performance.timeOrigin + performance.now();

export function benchPayload(streamId: string, sequence: number, sentAt: number): BenchPayload {
  return {
    pledgeId: streamId,
    campaignId: 'campaign-0190f3a2-7c1e-7b3d-9a4f-2d5e6f708192',
    contributorId: 'account-0190f3a2-7c1e-7b3d-9a4f-aa5e6f708193',
    amount: { amount: 2500 + sequence, currency: 'EUR' },
    tierId: 'tier-3',
    sequence,
    recordedAt: '2025-06-01T12:00:00.000Z',
    sentAt,
  };
}

export const benchMetadata = (streamId: string, sequence: number) => ({
  correlationId: `corr-${streamId}`,
  causationId: `cmd-${streamId}-${sequence}`,
  actor: 'account-0190f3a2-7c1e-7b3d-9a4f-aa5e6f708193',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
});
