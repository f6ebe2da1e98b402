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

  it('keeps drafts, submissions and tiers inside the service', () => {
    for (const event of [f.campaignCreated(), f.campaignSubmitted(), f.tierAdded()])
      expect(toIntegrationEvent(recorded(event))).toBeNull();
  });

  it('ignores the tier stock streams', () => {
    expect(toIntegrationEvent(recorded(f.campaignLaunched(), 'tierstock-1'))).toBeNull();
  });
});

// Notifications (issue #12 part 2): what the holder's and the backers' mails need.
describe('campaign facts published for the mails', () => {
  it('tells the holder of an approval, with the title approved', () => {
    const mapping = toIntegrationEvent(recorded(f.campaignApproved()));
    expect(mapping?.contract.type).toBe('CampaignApproved');
    expect(mapping?.contract.schema.parse(mapping.payload)).toEqual({
      campaignId: f.CAMPAIGN_ID,
      holderId: f.HOLDER_ID,
      title: 'Un four à pain pour le quartier',
      startsAt: f.STARTS_AT,
      deadline: f.DEADLINE,
      approvedAt: f.NOW,
    });
  });

  it('tells the holder of a rejection, with its reason', () => {
    const mapping = toIntegrationEvent(recorded(f.campaignRejected('Précisez le budget.')));
    expect(mapping?.contract.type).toBe('CampaignRejected');
    expect(mapping?.contract.schema.parse(mapping.payload)).toMatchObject({
      holderId: f.HOLDER_ID,
      reason: 'Précisez le budget.',
      rejectedAt: f.NOW,
    });
  });

  it('publishes nothing for a decision recorded before the events named the holder', () => {
    const { holderId: _holderId, title: _title, ...older } = f.campaignApproved().data;
    expect(toIntegrationEvent(recorded({ type: 'CampaignApproved', data: older }))).toBeNull();
  });

  it('publishes a posted update whole, for its backers', () => {
    const mapping = toIntegrationEvent(recorded(f.campaignUpdatePosted()));
    expect(mapping?.contract.type).toBe('CampaignUpdatePosted');
    expect(mapping?.contract.schema.parse(mapping.payload)).toEqual({
      campaignId: f.CAMPAIGN_ID,
      updateId: f.UPDATE_ID,
      title: 'Le four est commandé',
      body: 'Livraison en mai.',
      postedAt: f.NOW,
    });
  });
});
