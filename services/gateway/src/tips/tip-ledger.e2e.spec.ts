import request from 'supertest';
import { expectProblem, waitUntil } from '@elan/testing';
import { registerAndLogin } from '../test/test-gateway';
import type { ChargedPledge } from './test/pledge-service-double';
import { TipsE2eBed } from './test/tips-e2e.bed';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const OCTOBER = '2026-10-15T12:00:00.000Z';
const NOVEMBER = '2026-11-20T12:00:00.000Z';

/**
 * `GET /api/tips/ledger` end to end: the pledge events go on JetStream, the real tipping process
 * records the tips and projects its ledger, the gateway answers it. Public, no personal data.
 */
describe('GET /api/tips/ledger', () => {
  let bed: TipsE2eBed;
  const api = () => request(bed.gateway.getHttpServer());
  const pledges: ChargedPledge[] = [];

  beforeAll(async () => {
    bed = await TipsE2eBed.start('tipledger');
    const { id: contributorRef } = await registerAndLogin(bed.gateway, 'ledger');
    for (const tip of [300, 0, 500]) pledges.push(await bed.pledges.commit({ amount: 3_000, tip, contributorRef }, OCTOBER));
    const refunded = await bed.pledges.commit({ amount: 2_000, tip: 200, contributorRef }, NOVEMBER);
    pledges.push(refunded);
    await bed.pledges.refund(refunded, NOVEMBER);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('publishes the tips of each month; a pledge refunded with its tip leaves the ledger', async () => {
    const october = { month: '2026-10', total: eur(800), tips: 2, contributions: 3, tippedPerMille: 667 };
    const settled = await waitUntil(
      async () => {
        const answer = await api().get('/api/tips/ledger').expect(200);
        return answer.body.months?.[0]?.contributions === 3 && answer.body.months.length === 1 ? answer : undefined;
      },
      { timeoutMs: 15_000, description: 'every tip of the test is in the ledger' },
    );

    expect(settled.body).toEqual({
      currency: 'EUR',
      months: [{ ...october, average: eur(400), median: eur(300) }],
    });
    for (const { pledgeId, contributorRef, paymentIntentId } of pledges) {
      expect(settled.text).not.toContain(pledgeId);
      expect(settled.text).not.toContain(contributorRef);
      expect(settled.text).not.toContain(paymentIntentId);
    }
  });

  it('refunded the tip of the refunded pledge at Stripe, and the books balance', async () => {
    const refunded = pledges[3];
    if (!refunded) throw new Error('the refunded pledge was not set up');
    await waitUntil(async () => (await bed.refundsOf(refunded.paymentIntentId)).length === 2, {
      timeoutMs: 15_000,
      description: 'the pledge’s and the tip’s refunds are at Stripe',
    });

    const refunds = await bed.refundsOf(refunded.paymentIntentId);
    expect(refunds.map((r) => [r.metadata?.elan_service, r.amount]).sort()).toEqual([
      ['pledge', 2_000],
      ['tipping', 200],
    ]);
    await expect(bed.chargeOf(refunded.paymentIntentId)).resolves.toMatchObject({ amount: 2_200, amount_refunded: 2_200 });
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });

  it('keeps to the months asked for', async () => {
    await api().get('/api/tips/ledger?from=2026-11').expect(200, { currency: 'EUR', months: [] });
    const october = await api().get('/api/tips/ledger?from=2026-01&to=2026-10&currency=EUR').expect(200);

    expect(october.body.months.map((m: { month: string }) => m.month)).toEqual(['2026-10']);
  });

  it.each([
    ['a month that does not exist', '?from=2026-13', 'from'],
    ['a day instead of a month', '?to=2026-10-01', 'to'],
    ['a range that ends before it starts', '?from=2026-11&to=2026-10', 'from'],
    ['a currency in lower case', '?currency=eur', 'currency'],
    ['an unknown parameter', '?contributor=me', 'contributor'],
  ])('refuses %s with a 400 naming it', async (_what, query, field) => {
    const response = await api().get(`/api/tips/ledger${query}`);

    const problem = expectProblem(response, 400, 'validation-failed');
    expect(problem).toMatchObject({ errors: [expect.objectContaining({ field })] });
  });

  it('is documented in OpenAPI: public, its query parameters, its reply and its problems', async () => {
    const { body } = await api().get('/api/docs-json').expect(200);
    const operation = body.paths['/api/tips/ledger']?.get;

    expect(operation?.security).toBeUndefined();
    expect(operation?.parameters.map((p: { name: string }) => p.name)).toEqual(['from', 'to', 'currency']);
    expect(operation?.responses['200']?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/TipLedger' });
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '503', '504']));
  });
});
