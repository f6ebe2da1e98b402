import type { RecordedEvent } from '@elan/event-store';
import { accountRestricted, payoutAccountOpened } from '../payout-account/payout-account.fixtures';
import { toIntegrationEvent } from './payout-integration-events';

const recorded = (event: { type: string; data: unknown }): RecordedEvent => ({ ...event }) as unknown as RecordedEvent;

describe('the payout service’s integration events', () => {
  it('publishes an opened account without what onboarding asks', () => {
    const mapping = toIntegrationEvent(recorded(payoutAccountOpened()));
    expect(mapping?.contract.subject).toBe('elan.payout.PayoutAccountOpened.v1');
    expect(mapping?.contract.schema.safeParse(mapping.payload).error).toBeUndefined();
    expect(mapping?.payload).not.toHaveProperty('requirements');
  });

  it('publishes a status change, valid against its contract, without Stripe’s disabled reason', () => {
    const mapping = toIntegrationEvent(recorded(accountRestricted(3)));
    expect(mapping?.contract.subject).toBe('elan.payout.PayoutAccountStatusChanged.v1');
    expect(mapping?.contract.schema.safeParse(mapping.payload).error).toBeUndefined();
    expect(mapping?.payload).toEqual(expect.objectContaining({ status: 'restricted', canReceiveTransfers: false }));
    expect(mapping?.payload).not.toHaveProperty('disabledReason');
  });

  it('publishes nothing for an event it does not know', () => {
    expect(toIntegrationEvent(recorded({ type: 'SomethingElse', data: {} }))).toBeNull();
  });
});
