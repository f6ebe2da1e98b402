/**
 * One valid and one invalid payload for each integration event added for the mails of issue #12
 * part 2 (moderation decisions, updates to backers, a declined collection), for the catalog test.
 * Test data only: imported by `catalog.unit.spec.ts`.
 */
const CAMPAIGN = '0190f3a4-5b6c-7d8e-9f01-23456789abcd';
const HOLDER = '0190f3a4-5b6c-7d8e-9f01-000000000001';
const PLEDGE = '0190f3a4-5b6c-7d8e-9f01-000000000003';
const UPDATE = '0190f3a4-5b6c-7d8e-9f01-000000000004';

interface Invalid {
  readonly field: string;
  readonly payload: unknown;
}

const approved = {
  campaignId: CAMPAIGN,
  holderId: HOLDER,
  title: 'Une épicerie coopérative à Bègles',
  startsAt: '2026-03-01T08:00:00Z',
  deadline: '2026-04-15T22:00:00+02:00',
  approvedAt: '2026-02-20T10:00:00Z',
};
const rejected = {
  campaignId: CAMPAIGN,
  holderId: HOLDER,
  title: 'Une épicerie coopérative à Bègles',
  reason: 'Précisez le budget.',
  rejectedAt: '2026-02-20T10:00:00Z',
};
const update = {
  campaignId: CAMPAIGN,
  updateId: UPDATE,
  title: 'Les travaux commencent',
  body: 'Le chantier ouvre lundi.',
  postedAt: '2026-03-20T10:00:00Z',
};
const declined = {
  pledgeId: PLEDGE,
  campaignId: CAMPAIGN,
  declineCode: 'insufficient_funds',
  attempt: 1,
  retryUntil: '2026-04-22T20:00:00Z',
  declinedAt: '2026-04-15T20:00:03Z',
};

export const notificationEventSamples: Record<string, { valid: unknown; invalid: Invalid }> = {
  'elan.campaign.CampaignApproved.v1': {
    valid: approved,
    invalid: { field: 'holderId', payload: { ...approved, holderId: 'paulu@example.org' } },
  },
  'elan.campaign.CampaignRejected.v1': {
    valid: rejected,
    invalid: { field: 'reason', payload: { ...rejected, reason: '' } },
  },
  'elan.campaign.CampaignUpdatePosted.v1': {
    valid: update,
    invalid: { field: 'title', payload: { ...update, title: 'x'.repeat(121) } },
  },
  'elan.pledge.PledgeCollectionDeclined.v1': {
    valid: declined,
    invalid: { field: 'attempt', payload: { ...declined, attempt: 0 } },
  },
};
