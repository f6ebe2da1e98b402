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

  const paid = (data: Record<string, unknown>) =>
    recorded({
      type: 'StatementPaid',
      data: {
        statementId: '0190f3a4-5b6c-7d8e-9f01-000000000021',
        transferId: 'tr_1Qx',
        amount: { amount: 6_000, currency: 'EUR' },
        paidAt: '2026-06-01T00:00:00.000Z',
        ...data,
      },
    });

  it('publishes a statement paid with its campaign, holder, amount and transfer', () => {
    const mapping = toIntegrationEvent(
      paid({ campaignId: '0190f3a4-5b6c-7d8e-9f01-23456789abcd', holderId: '0190f3a4-5b6c-7d8e-9f01-000000000001' }),
    );
    expect(mapping?.contract.subject).toBe('elan.payout.StatementPaid.v1');
    expect(mapping?.contract.schema.safeParse(mapping.payload).error).toBeUndefined();
    expect(mapping?.payload).toEqual(
      expect.objectContaining({ amount: { amount: 6_000, currency: 'EUR' }, transferId: 'tr_1Qx' }),
    );
  });

  it('does not announce a statement paid before the event named its campaign and holder', () => {
    expect(toIntegrationEvent(paid({}))).toBeNull();
  });

  it('publishes nothing for an event it does not know', () => {
    expect(toIntegrationEvent(recorded({ type: 'SomethingElse', data: {} }))).toBeNull();
  });
});
