import type { RecordedEvent } from '@elan/event-store';
import type { CollectionDeclined } from '../pledge';
import { toIntegrationEvent } from './pledge-integration-events';

const PLEDGE = '01950000-0000-7000-8000-00000000a001';
const CAMPAIGN = '01950000-0000-7000-8000-00000000c001';

const recorded = (event: { type: string; data: unknown }): RecordedEvent => ({
  eventId: '01950000-0000-7000-8000-0000000000aa',
  type: event.type,
  schemaVersion: 1,
  streamId: `pledge-${PLEDGE}`,
  streamPosition: 6,
  globalPosition: 6,
  transactionId: '1',
  occurredAt: new Date('2026-04-15T20:00:03.000Z'),
  data: event.data,
  metadata: {},
});

// Notifications (issue #12 part 2): the contributor of a declined collection is asked for a new card.
describe('a declined collection, published for the contributor’s mail', () => {
  it('maps CollectionDeclined to PledgeCollectionDeclined, which its contract accepts', () => {
    const declined: CollectionDeclined = {
      type: 'CollectionDeclined',
      data: {
        pledgeId: PLEDGE,
        campaignId: CAMPAIGN,
        declineCode: 'insufficient_funds',
        attempt: 2,
        retryUntil: '2026-04-22T20:00:00.000Z',
        declinedAt: '2026-04-15T20:00:03.000Z',
      },
    };
    const mapping = toIntegrationEvent(recorded(declined));
    expect(mapping?.contract.type).toBe('PledgeCollectionDeclined');
    expect(mapping?.contract.consumers).toEqual(['notification']);
    expect(mapping?.contract.schema.parse(mapping.payload)).toEqual(declined.data);
  });
});
