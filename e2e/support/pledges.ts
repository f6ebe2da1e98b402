import type { Pool } from 'pg';
import type { PledgeView, ReplyOf, placePledge } from '@elan/contracts';
// ADR 0022's erasure check reads every table of every service: the scan lives with the vault.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { findInSchema, type PlaintextHit } from '@elan/personal-data';
import { stripeClientFor, unbalancedBooks, type RunningStripeEmulator } from '@elan/stripe-emulator';
import { uniqueIdempotencyKey, waitUntil } from '@elan/testing';
import type { Account, Api } from './api';
import {
  addTier,
  completeDraft,
  createDraft,
  eur,
  ON_TIME_MS,
  pageOnceItHolds,
  READ_MODEL_LAG_MS,
  schedule,
  STARTS_IN_MS,
  step,
} from './campaigns';

export type PlacedPledge = ReplyOf<typeof placePledge> & { readonly guestToken?: string };

/** A pledge as the checkout sends it: €30 with a €3 tip unless told otherwise. */
export const pledgeBody = (overrides: Record<string, unknown> = {}) => ({
  amount: eur(3_000),
  tip: eur(300),
  showName: true,
  ...overrides,
});

/** Places a pledge (as `contributor`, or as a guest without one) that must be accepted: 201. */
export async function pledgeOn(
  api: Api,
  campaignId: string,
  body: object,
  contributor?: Account,
  idempotencyKey = uniqueIdempotencyKey('pledge'),
): Promise<PlacedPledge> {
  const response = await api.post(`/api/campaigns/${campaignId}/pledges`, contributor, { idempotencyKey }).send(body);
  if (response.status !== 201) throw new Error(`the pledge answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as PlacedPledge;
}

/**
 * As a careful client does on a busy platform: a 503 or 504 ("it may still have acted"), or a 409
 * while the first request with the key still runs, is asked again with the same Idempotency-Key,
 * which answers the very same pledge.
 */
export async function pledgeOnPatiently(
  api: Api,
  campaignId: string,
  body: object,
  contributor?: Account,
  idempotencyKey = uniqueIdempotencyKey('pledge'),
): Promise<PlacedPledge> {
  return waitUntil(
    async () => {
      const response = await api.post(`/api/campaigns/${campaignId}/pledges`, contributor, { idempotencyKey }).send(body);
      if (response.status === 201) return response.body as PlacedPledge;
      const retryable = [503, 504].includes(response.status) || response.body?.type === 'urn:elan:problem:idempotency-key-in-use';
      if (!retryable) throw new Error(`the pledge answered ${response.status}: ${JSON.stringify(response.body)}`);
      return undefined;
    },
    { timeoutMs: 60_000, intervalMs: 250, description: `the pledge with key ${idempotencyKey} is accepted` },
  );
}

/**
 * What the contributor's page does with Stripe.js: confirms the intent with a card (a test card's
 * payment method id), here through the official SDK against the emulator.
 */
export async function confirmWithCard(
  stripe: RunningStripeEmulator,
  placed: PlacedPledge,
  card = 'pm_card_visa',
): Promise<string> {
  const client = stripeClientFor(stripe);
  const { intentId, kind } = placed.payment;
  if (kind === 'payment') return (await client.paymentIntents.confirm(intentId, { payment_method: card })).status;
  return (await client.setupIntents.confirm(intentId, { payment_method: card })).status;
}

/** The pledge as `viewer` sees it (an account, or a guest's token). */
export async function pledgeOf(api: Api, pledgeId: string, viewer: Account | { guestToken: string }): Promise<PledgeView> {
  const test =
    'guestToken' in viewer
      ? api.get(`/api/pledges/${pledgeId}`).set('X-Guest-Token', viewer.guestToken)
      : api.get(`/api/pledges/${pledgeId}`, viewer);
  const response = await test;
  if (response.status !== 200) throw new Error(`GET /api/pledges/${pledgeId} answered ${response.status}`);
  return response.body as PledgeView;
}

/** Waits until the pledge reaches `status` (webhooks are asynchronous). */
export const pledgeOnceIn = (
  api: Api,
  pledgeId: string,
  viewer: Account | { guestToken: string },
  status: PledgeView['status'],
  timeoutMs = READ_MODEL_LAG_MS,
): Promise<PledgeView> =>
  waitUntil(
    async () => {
      const pledge = await pledgeOf(api, pledgeId, viewer);
      return pledge.status === status ? pledge : undefined;
    },
    { timeoutMs, intervalMs: 100, description: `pledge ${pledgeId} is ${status}` },
  );

/** What Stripe (the emulator) holds: money captured and refunded, to the cent, and whether its own books balance. */
export async function stripeBooks(stripe: RunningStripeEmulator): Promise<{
  readonly captured: number;
  readonly refunded: number;
  readonly problems: string[];
}> {
  const data = await stripe.control.state();
  const charges = Object.values(data.charges);
  return {
    captured: charges.reduce((total, charge) => total + charge.amount_captured, 0),
    refunded: Object.values(data.refunds)
      .filter((refund) => refund.status === 'succeeded')
      .reduce((total, refund) => total + refund.amount, 0),
    problems: unbalancedBooks(data),
  };
}

/** What Stripe (the emulator) paid out to connected accounts by Connect transfers, net of their reversals, to the cent. */
export async function stripeTransferred(stripe: RunningStripeEmulator): Promise<number> {
  const data = await stripe.control.state();
  return Object.values(data.transfers).reduce((total, transfer) => total + transfer.amount - transfer.amount_reversed, 0);
}

/** A campaign that takes pledges: drafted, approved, and waited for until its page says live. */
export async function liveCampaign(
  api: Api,
  holder: Account,
  moderator: Account,
  plan: { fundingModel: 'keep_it_all' | 'all_or_nothing'; lastsMs: number; goal?: number; tiers?: readonly object[] },
): Promise<{ campaignId: string; tierIds: string[]; deadline: string }> {
  const dates = schedule(STARTS_IN_MS, plan.lastsMs);
  const campaignId = await createDraft(
    api,
    holder,
    completeDraft({ fundingModel: plan.fundingModel, goal: eur(plan.goal ?? 100_000), stretchGoals: [], ...dates }),
  );
  const tierIds: string[] = [];
  for (const definition of plan.tiers ?? []) tierIds.push(await addTier(api, holder, campaignId, definition));
  await step(api, holder, campaignId, 'submit');
  await step(api, moderator, campaignId, 'approve');
  await pageOnceItHolds(
    api,
    campaignId,
    (page) => page.status === 'live',
    'the campaign is live',
    undefined,
    STARTS_IN_MS + ON_TIME_MS,
  );
  return { campaignId, tierIds, deadline: dates.deadline };
}

/** Runs `work` on every item with at most `width` running at once; results in the items' order. */
export async function inWaves<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runner = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, runner));
  return results;
}

/** The schemas of every service of a stack, by the variables that name them. */
export const STACK_SCHEMAS = ['GATEWAY_SCHEMA', 'CAMPAIGN_SCHEMA', 'PLEDGE_SCHEMA', 'TIPPING_SCHEMA'] as const;

/**
 * Where any of `needles` (plaintext, or a key's bytes) is found in any column of any table of
 * any service of the stack (`findInSchema`, ADR 0022): `[]` when nowhere.
 */
export async function foundInStack(
  environment: NodeJS.ProcessEnv,
  pool: Pool,
  needles: ReadonlyArray<string | Buffer>,
): Promise<Array<PlaintextHit & { readonly schema: string }>> {
  const hits: Array<PlaintextHit & { readonly schema: string }> = [];
  for (const variable of STACK_SCHEMAS) {
    const schema = environment[variable];
    if (!schema) throw new Error(`the stack has no ${variable}`);
    hits.push(...(await findInSchema(pool, schema, needles)).map((hit) => ({ ...hit, schema })));
  }
  return hits;
}
