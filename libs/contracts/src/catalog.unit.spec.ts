import type { Money } from '@elan/domain-kernel';
import type { z } from 'zod';
import { integrationEvents, requests } from './catalog';
import { contractShapes } from './contract-fields';
import { SERVICES } from './integration-event';
import { moneySchema } from './money';
import { campaignRequestSamples } from './campaign/campaign-requests.samples';
import { pledgeTermsSamples } from './campaign/pledge-terms.samples';
import { payoutEventSamples, payoutRequestSamples, payoutStatementSamples } from './payout/payout-accounts.samples';
import { pledgeEventSamples, pledgeRequestSamples } from './pledge/pledge.samples';
import { tipLedgerAndRefundSamples } from './tipping/tip-ledger-and-refund.samples';
import { tippingRequestSamples } from './tipping/tip-suggestions.samples';
import { reconciliationRequestSamples } from './reconciliation/reconciliation.samples';
import { reconciliationReportSamples } from './reconciliation/reconciliation-report.samples';
import { transparencyRequestSamples } from './transparency/transparency.samples';
import { publicLedgerRequestSamples } from './payout/public-ledger.samples';
import { mailRecipientSamples } from './notification/mail-recipients.samples';
import { notificationEventSamples } from './notification/notification-events.samples';

const CAMPAIGN = '0190f3a4-5b6c-7d8e-9f01-23456789abcd';
const HOLDER = '0190f3a4-5b6c-7d8e-9f01-000000000001';
const TIER = '0190f3a4-5b6c-7d8e-9f01-000000000002';
const PLEDGE = '0190f3a4-5b6c-7d8e-9f01-000000000003';
const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** A payload that must be rejected, and the field the rejection must name. */
type Invalid = { readonly payload: unknown; readonly field: string };

/** One valid and one invalid payload per contract: adding a contract without its samples fails. */
const eventSamples: Record<string, { valid: unknown; invalid: Invalid }> = {
  'elan.campaign.CampaignLaunched.v1': {
    valid: {
      campaignId: CAMPAIGN,
      holderId: HOLDER,
      title: 'Une épicerie coopérative à Bègles',
      fundingModel: 'all_or_nothing',
      goal: eur(1_500_000),
      startsAt: '2026-03-01T08:00:00Z',
      deadline: '2026-04-15T22:00:00+02:00',
      departement: '33',
    },
    invalid: {
      field: 'fundingModel',
      payload: {
        campaignId: CAMPAIGN,
        holderId: HOLDER,
        title: 'Une épicerie coopérative à Bègles',
        fundingModel: 'flexible',
        goal: eur(1_500_000),
        startsAt: '2026-03-01T08:00:00Z',
        deadline: '2026-04-15T22:00:00Z',
        departement: '33',
      },
    },
  },
  'elan.campaign.CampaignDeadlineReached.v1': {
    valid: {
      campaignId: CAMPAIGN,
      fundingModel: 'all_or_nothing',
      goal: eur(1_500_000),
      deadline: '2026-04-15T22:00:00+02:00',
    },
    invalid: {
      field: 'deadline',
      payload: { campaignId: CAMPAIGN, fundingModel: 'all_or_nothing', goal: eur(1_500_000), deadline: '2026-04-15T22:00:00' },
    },
  },
  'elan.campaign.CampaignSucceeded.v1': {
    valid: { campaignId: CAMPAIGN, closedAt: '2026-04-15T20:00:00Z', committedTotal: eur(1_612_300), backers: 412 },
    invalid: {
      field: 'committedTotal.amount',
      payload: { campaignId: CAMPAIGN, closedAt: '2026-04-15T20:00:00Z', committedTotal: eur(16_123.5), backers: 412 },
    },
  },
  'elan.campaign.CampaignFailed.v1': {
    valid: { campaignId: CAMPAIGN, closedAt: '2026-04-15T20:00:00Z', committedTotal: eur(310_000), backers: 57 },
    invalid: {
      field: 'backers',
      payload: { campaignId: CAMPAIGN, closedAt: '2026-04-15T20:00:00Z', committedTotal: eur(310_000), backers: -1 },
    },
  },
  'elan.campaign.CampaignEnded.v1': {
    valid: { campaignId: CAMPAIGN, closedAt: '2026-04-15T20:00:00Z', collectedTotal: eur(87_000), backers: 23 },
    invalid: {
      field: 'closedAt',
      payload: { campaignId: CAMPAIGN, closedAt: '15/04/2026', collectedTotal: eur(87_000), backers: 23 },
    },
  },
  'elan.campaign.CampaignCancelled.v1': {
    valid: { campaignId: CAMPAIGN, cancelledAt: '2026-03-20T10:00:00Z', reason: 'The venue fell through.' },
    invalid: {
      field: 'campaignId',
      payload: { campaignId: 'campaign-1', cancelledAt: '2026-03-20T10:00:00Z', reason: 'The venue fell through.' },
    },
  },
  ...pledgeEventSamples,
  ...payoutEventSamples,
  'elan.gateway.StripeEventReceived.v1': {
    valid: {
      stripeEventId: 'evt_1QxYz2AbCdEf',
      type: 'payment_intent.payment_failed',
      created: '2026-04-15T20:00:03.000Z',
      livemode: false,
      routedTo: 'pledge',
      object: {
        id: 'pi_3QxYz2AbCdEf',
        type: 'payment_intent',
        status: 'requires_payment_method',
        amount: eur(2_500),
        metadata: { elan_service: 'pledge', elan_pledge_id: PLEDGE },
        declineCode: 'insufficient_funds',
        errorCode: 'card_declined',
      },
    },
    invalid: {
      field: 'object.amount.amount',
      payload: {
        stripeEventId: 'evt_1QxYz2AbCdEf',
        type: 'charge.succeeded',
        created: '2026-04-15T20:00:03.000Z',
        livemode: false,
        routedTo: 'pledge',
        object: { id: 'ch_3QxYz2AbCdEf', type: 'charge', amount: eur(25.5), metadata: {} },
      },
    },
  },
  // Notifications (issue #12 part 2)
  ...notificationEventSamples,
};

const requestSamples: Record<
  string,
  { request: { valid: unknown; invalid: Invalid }; reply: { valid: unknown[]; invalid: Invalid } }
> = {
  ...campaignRequestSamples,
  ...pledgeTermsSamples,
  ...pledgeRequestSamples,
  ...tippingRequestSamples,
  ...tipLedgerAndRefundSamples,
  ...payoutRequestSamples,
  ...transparencyRequestSamples,
  ...publicLedgerRequestSamples,
  ...payoutStatementSamples,
  ...reconciliationRequestSamples,
  ...reconciliationReportSamples,
  ...mailRecipientSamples,
  'rpc.campaign.ReserveTierUnit.v1': {
    request: {
      valid: { campaignId: CAMPAIGN, tierId: TIER, pledgeId: PLEDGE },
      invalid: { field: 'pledgeId', payload: { campaignId: CAMPAIGN, tierId: TIER } },
    },
    reply: {
      valid: [{ outcome: 'reserved', reservationId: PLEDGE, expiresAt: '2026-03-02T08:15:00Z' }, { outcome: 'sold_out' }],
      invalid: { field: 'expiresAt', payload: { outcome: 'reserved', reservationId: PLEDGE } },
    },
  },
  'rpc.campaign.GetCampaignSummary.v1': {
    request: { valid: { campaignId: CAMPAIGN }, invalid: { field: 'campaignId', payload: { campaignId: 42 } } },
    reply: {
      valid: [{ campaignId: CAMPAIGN, title: 'Une épicerie coopérative', status: 'live', goal: eur(1_500_000) }],
      invalid: {
        field: 'status',
        payload: { campaignId: CAMPAIGN, title: 'Une épicerie coopérative', status: 'paused', goal: eur(1_500_000) },
      },
    },
  },
};

/** The dotted paths of the fields a rejected payload was rejected for. */
const rejectedFields = (schema: z.ZodType, invalid: Invalid | undefined): string[] =>
  schema.safeParse(invalid?.payload).error?.issues.map((issue) => issue.path.join('.')) ?? [];

const services = SERVICES.join('|');
const EVENT_SUBJECT = new RegExp(`^elan\\.(${services})\\.[A-Z][A-Za-z0-9]+\\.v[1-9][0-9]*$`);
const REQUEST_SUBJECT = new RegExp(`^rpc\\.(${services})\\.[A-Z][A-Za-z0-9]+\\.v[1-9][0-9]*$`);

describe('the contract catalog', () => {
  it('gives every contract its own subject', () => {
    const subjects = [...integrationEvents.map((c) => c.subject), ...requests.map((c) => c.subject)];
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it.each(integrationEvents.map((c) => [c.subject, c] as const))('names event %s elan.<service>.<Type>.v<n>', (subject, c) => {
    expect(subject).toMatch(EVENT_SUBJECT);
    expect(subject).toBe(`elan.${c.service}.${c.type}.v${c.version}`);
  });

  it.each(requests.map((c) => [c.subject, c] as const))(
    'names request %s rpc.<service>.<Name>.v<n>, outside elan.>',
    (subject, c) => {
      expect(subject).toMatch(REQUEST_SUBJECT);
      expect(subject).toBe(`rpc.${c.service}.${c.name}.v${c.version}`);
      expect(subject.startsWith('elan.')).toBe(false);
    },
  );

  it('has a sample for every contract and no sample without a contract', () => {
    expect(Object.keys(eventSamples).sort()).toEqual(integrationEvents.map((c) => c.subject).sort());
    expect(Object.keys(requestSamples).sort()).toEqual(requests.map((c) => c.subject).sort());
  });

  it.each(integrationEvents.map((c) => [c.subject, c] as const))('validates %s', (subject, c) => {
    const sample = eventSamples[subject];
    expect(c.schema.safeParse(sample?.valid).error).toBeUndefined();
    expect(rejectedFields(c.schema, sample?.invalid)).toEqual([sample?.invalid.field]);
  });

  it.each(requests.map((c) => [c.subject, c] as const))('validates the request and reply of %s', (subject, c) => {
    const sample = requestSamples[subject];
    expect(c.request.safeParse(sample?.request.valid).error).toBeUndefined();
    expect(rejectedFields(c.request, sample?.request.invalid)).toEqual([sample?.request.invalid.field]);
    for (const reply of sample?.reply.valid ?? []) expect(c.reply.safeParse(reply).error).toBeUndefined();
    expect(rejectedFields(c.reply, sample?.reply.invalid)).toEqual([sample?.reply.invalid.field]);
  });

  it('documents every field of every contract', () => {
    const schemas = [
      ...integrationEvents.map((c) => [c.subject, c.schema] as const),
      ...requests.flatMap((c) => [[`${c.subject} request`, c.request] as const, [`${c.subject} reply`, c.reply] as const]),
    ];
    const undocumented = schemas.flatMap(([name, schema]) =>
      contractShapes(schema).flatMap((shape) =>
        shape.fields.filter((field) => field.description.trim() === '').map((field) => `${name}: ${field.path}`),
      ),
    );
    expect(undocumented).toEqual([]);
  });
});

describe('money on the wire', () => {
  it('is an integer of minor units with an ISO 4217 code, shaped like the kernel Money', () => {
    const parsed: Money = moneySchema.parse({ amount: 1250, currency: 'EUR' });
    expect(parsed).toEqual({ amount: 1250, currency: 'EUR' });
  });

  it.each([
    ['a fraction of a cent', { amount: 12.5, currency: 'EUR' }],
    ['an amount beyond the safe integers', { amount: 2 ** 53, currency: 'EUR' }],
    ['an amount as a string', { amount: '1250', currency: 'EUR' }],
    ['a lower-case currency', { amount: 1250, currency: 'eur' }],
    ['a currency symbol', { amount: 1250, currency: '€' }],
  ])('rejects %s', (_, value) => {
    expect(moneySchema.safeParse(value).success).toBe(false);
  });
});
