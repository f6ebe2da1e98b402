import type { z } from 'zod';
import { contractShapes } from '../contract-fields';
import { STRIPE_EVENT_TYPES_BY_SERVICE, STRIPE_EVENT_TYPES_HANDLED } from '../gateway/stripe-event-received.events';
import type { IntegrationEventContract } from '../integration-event';
import type { RequestContract } from '../request';
import { payoutAccountOpened, payoutAccountStatusChanged } from './payout-accounts.events';
import { getPayoutAccount, startPayoutAccount } from './payout-accounts.requests';
import { payoutEventSamples, payoutRequestSamples } from './payout-accounts.samples';

const rejectedFields = (schema: z.ZodType, payload: unknown): string[] =>
  schema.safeParse(payload).error?.issues.map((issue) => issue.path.join('.')) ?? [];

const undocumented = (schema: z.ZodType): string[] =>
  contractShapes(schema).flatMap((shape) => shape.fields.filter((f) => f.description.trim() === '').map((f) => f.path));

describe.each([startPayoutAccount, getPayoutAccount].map((c) => [c.subject, c] as const))(
  '%s',
  (subject, contract: RequestContract) => {
    const sample = payoutRequestSamples[subject];

    it('is named rpc.payout.<Name>.v1 and asked by the gateway only', () => {
      expect(subject).toBe(`rpc.payout.${contract.name}.v1`);
      expect(contract.callers).toEqual(['gateway']);
    });

    it('takes its valid samples and rejects its invalid ones on exactly the field named', () => {
      expect(contract.request.safeParse(sample?.request.valid).error).toBeUndefined();
      expect(rejectedFields(contract.request, sample?.request.invalid.payload)).toEqual([sample?.request.invalid.field]);
      expect(sample?.reply.valid.length).toBeGreaterThan(0);
      for (const reply of sample?.reply.valid ?? []) expect(contract.reply.safeParse(reply).error).toBeUndefined();
      expect(rejectedFields(contract.reply, sample?.reply.invalid.payload)).toEqual([sample?.reply.invalid.field]);
    });

    it('documents every field', () => {
      expect([...undocumented(contract.request), ...undocumented(contract.reply)]).toEqual([]);
    });
  },
);

describe.each([payoutAccountOpened, payoutAccountStatusChanged].map((c) => [c.subject, c] as const))(
  '%s',
  (subject, contract: IntegrationEventContract) => {
    const sample = payoutEventSamples[subject];

    it('is published by the payout service under elan.payout.>', () => {
      expect(subject).toBe(`elan.payout.${contract.type}.v1`);
    });

    it('takes its valid sample and rejects its invalid one on exactly the field named', () => {
      expect(contract.schema.safeParse(sample?.valid).error).toBeUndefined();
      expect(rejectedFields(contract.schema, sample?.invalid.payload)).toEqual([sample?.invalid.field]);
    });

    it('documents every field', () => {
      expect(undocumented(contract.schema)).toEqual([]);
    });
  },
);

describe('a start payout account request', () => {
  it('refuses an onboarding link that is not a URL', () => {
    const sample = payoutRequestSamples['rpc.payout.StartPayoutAccount.v1']?.reply.valid[0] as Record<string, unknown>;
    expect(rejectedFields(startPayoutAccount.reply, { ...sample, onboardingUrl: 'somewhere' })).toEqual(['onboardingUrl']);
  });
});

describe('the Stripe event types Élan handles', () => {
  it('are each acted on by one service, and payout acts on account.updated', () => {
    const byService = Object.values(STRIPE_EVENT_TYPES_BY_SERVICE).flat();
    expect([...byService].sort()).toEqual([...STRIPE_EVENT_TYPES_HANDLED].sort());
    expect(STRIPE_EVENT_TYPES_BY_SERVICE.payout).toEqual(['account.updated']);
  });
});
