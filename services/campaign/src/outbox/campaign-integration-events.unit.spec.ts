import { eur } from '@elan/domain-kernel';
import type { RecordedEvent } from '@elan/event-store';
import type { CampaignEvent } from '../campaign';
import { campaignFixtures as f } from '../campaign/testing';
import { toIntegrationEvent } from './campaign-integration-events';

const recorded = (event: CampaignEvent, streamId = `campaign-${f.CAMPAIGN_ID}`): RecordedEvent => ({
  eventId: '01950000-0000-7000-8000-0000000000aa',
  type: event.type,
  schemaVersion: 1,
  streamId,
  streamPosition: 1,
  globalPosition: 1,
  transactionId: '1',
  occurredAt: new Date(f.NOW),
  data: event.data,
  metadata: {},
});

describe('campaign facts published to other services', () => {
  it.each([
    ['CampaignLaunched', f.campaignLaunched()],
    ['CampaignDeadlineReached', f.campaignDeadlineReached()],
    ['CampaignSucceeded', f.campaignSucceeded(eur(600_000))],
    ['CampaignFailed', f.campaignFailed(eur(100))],
    ['CampaignEnded', f.campaignEnded(eur(42_00))],
    ['CampaignCancelled', f.campaignCancelled()],
  ])('maps %s to a payload its contract accepts', (type, event) => {
    const mapping = toIntegrationEvent(recorded(event));
    expect(mapping?.contract.type).toBe(type);
    expect(mapping?.contract.schema.safeParse(mapping.payload).success).toBe(true);
  });

  it('tells the pledge service the frozen deadline to tally against (ADR 0008)', () => {
    const mapping = toIntegrationEvent(
      recorded(f.campaignDeadlineReached(f.shifted(f.DEADLINE, 900).toISOString(), 'keep_it_all')),
    );
    expect(mapping?.payload).toEqual({
      campaignId: f.CAMPAIGN_ID,
      fundingModel: 'keep_it_all',
      goal: f.GOAL,
      deadline: f.DEADLINE,
    });
  });

  it('calls what a keep-it-all campaign committed its collected total', () => {
    const mapping = toIntegrationEvent(recorded(f.campaignEnded(eur(42_00), 3)));
    expect(mapping?.payload).toMatchObject({ collectedTotal: eur(42_00), backers: 3 });
  });

  it('keeps drafts, moderation and tiers inside the service', () => {
    for (const event of [
      f.campaignCreated(),
      f.campaignSubmitted(),
      f.campaignApproved(),
      f.tierAdded(),
      f.campaignUpdatePosted(),
    ])
      expect(toIntegrationEvent(recorded(event))).toBeNull();
  });

  it('ignores the tier stock streams', () => {
    expect(toIntegrationEvent(recorded(f.campaignLaunched(), 'tierstock-1'))).toBeNull();
  });
});
