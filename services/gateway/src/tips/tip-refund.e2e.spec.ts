import { createHash } from 'node:crypto';
import request from 'supertest';
import { expectProblem, uniqueEmail, waitUntil } from '@elan/testing';
import { registerAndLogin, type LoggedIn } from '../test/test-gateway';
import { TipsE2eBed } from './test/tips-e2e.bed';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
/** 43 base64url characters, the shape of the tokens the pledge routes hand out. */
const GUEST_TOKEN = 'guest-private-link-token-0123456789abcdefgh';

/**
 * `POST /api/pledges/{pledgeId}/tip/refund` end to end: the gateway authenticates the account (or
 * hashes the guest's token), the real tipping process decides and refunds at the Stripe emulator.
 */
describe('POST /api/pledges/{pledgeId}/tip/refund', () => {
  const admin = { email: uniqueEmail('tipadmin'), password: 'the first admin password of the tips' };
  let bed: TipsE2eBed;
  let contributor: LoggedIn;
  let adminToken: string;
  const api = () => request(bed.gateway.getHttpServer());
  const refund = (pledgeId: string) => api().post(`/api/pledges/${pledgeId}/tip/refund`);
  const tipRefundsOf = async (paymentIntentId: string) =>
    (await bed.refundsOf(paymentIntentId)).filter((r) => r.metadata?.elan_service === 'tipping').map((r) => r.amount);
  const paid = (tip: number, contributorRef: string, committedAt = daysAgo(1)) =>
    bed.pledges.commit({ amount: 3_000, tip, contributorRef }, committedAt);
  /** The tipping service answers once the pledge event reached it; until then the tip is not_found. */
  const refundOnce = (pledgeId: string, as: (r: request.Test) => request.Test) =>
    waitUntil(
      async () => {
        const response = await as(refund(pledgeId));
        return response.status === 404 ? undefined : response;
      },
      { timeoutMs: 15_000, description: `the tip of ${pledgeId} is known` },
    );
  const asAccount = (token: string) => (r: request.Test) => r.set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    bed = await TipsE2eBed.start('tiprefund', { firstAdmin: admin });
    contributor = await registerAndLogin(bed.gateway, 'tipper');
    adminToken = (await api().post('/api/auth/login').send(admin).expect(200)).body.accessToken;
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('refunds the contributor’s tip alone, once, and the pledge’s own refund completes the charge', async () => {
    const pledge = await paid(300, contributor.id);

    const response = await refundOnce(pledge.pledgeId, asAccount(contributor.token));
    const again = await asAccount(contributor.token)(refund(pledge.pledgeId));

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      pledgeId: pledge.pledgeId,
      tipId: pledge.pledgeId,
      amount: eur(300),
      refundedAs: 'contributor',
      refundedAt: expect.any(String),
    });
    expect(again.body).toEqual(response.body);
    await waitUntil(async () => (await tipRefundsOf(pledge.paymentIntentId)).length === 1, {
      timeoutMs: 15_000,
      description: 'the tip’s refund is at Stripe',
    });
    await bed.pledges.refund(pledge, new Date().toISOString());
    await waitUntil(async () => (await bed.chargeOf(pledge.paymentIntentId))?.amount_refunded === 3_300, {
      timeoutMs: 15_000,
      description: 'the charge is refunded in full',
    });

    expect(await tipRefundsOf(pledge.paymentIntentId)).toEqual([300]);
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });

  it('lets a guest refund their tip with the private link’s token, which only travels hashed', async () => {
    const guestRef = `guest:${createHash('sha256').update(GUEST_TOKEN).digest('hex')}`;
    const pledge = await paid(250, guestRef);

    const response = await refundOnce(pledge.pledgeId, (r) => r.set('X-Guest-Token', GUEST_TOKEN));

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ refundedAs: 'contributor', amount: eur(250) });
    await waitUntil(async () => (await tipRefundsOf(pledge.paymentIntentId)).length === 1, {
      timeoutMs: 15_000,
      description: 'the guest’s tip refund is at Stripe',
    });
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });

  it('answers 403 to anyone else, 409 after 30 days or for a 0 tip, and lets an admin refund any time', async () => {
    const stranger = await registerAndLogin(bed.gateway, 'stranger');
    const old = await paid(400, contributor.id, daysAgo(40));
    const zero = await paid(0, contributor.id);

    expectProblem(await refundOnce(old.pledgeId, asAccount(stranger.token)), 403, 'forbidden');
    expectProblem(await refundOnce(old.pledgeId, (r) => r.set('X-Guest-Token', GUEST_TOKEN)), 403, 'forbidden');
    expectProblem(await refundOnce(old.pledgeId, asAccount(contributor.token)), 409, 'illegal_state');
    expectProblem(await refundOnce(zero.pledgeId, asAccount(contributor.token)), 409, 'illegal_state');
    const byAdmin = await asAccount(adminToken)(refund(old.pledgeId)).expect(200);

    expect(byAdmin.body).toMatchObject({ refundedAs: 'admin', amount: eur(400) });
    await waitUntil(async () => (await tipRefundsOf(old.paymentIntentId)).length === 1, {
      timeoutMs: 15_000,
      description: 'the admin’s tip refund is at Stripe',
    });
    expect(await bed.refundsOf(zero.paymentIntentId)).toEqual([]);
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });

  it('answers 404 for a pledge without a tip, 401 without credentials, 400 for a bad id or guest token', async () => {
    const unknown = '01950000-0000-7000-8000-0000000f0404';

    expectProblem(await asAccount(contributor.token)(refund(unknown)), 404, 'not_found');
    expectProblem(await refund(unknown), 401, 'unauthenticated');
    const badId = expectProblem(await asAccount(contributor.token)(refund('not-a-uuid')), 400, 'validation-failed');
    expect(badId).toMatchObject({ errors: [expect.objectContaining({ field: 'pledgeId' })] });
    const badToken = expectProblem(await refund(unknown).set('X-Guest-Token', 'short'), 400, 'validation-failed');
    expect(badToken).toMatchObject({ errors: [expect.objectContaining({ field: 'X-Guest-Token' })] });
  });

  it('is documented in OpenAPI with its problems', async () => {
    const { body } = await api().get('/api/docs-json').expect(200);
    const operation = body.paths['/api/pledges/{pledgeId}/tip/refund']?.post;

    expect(operation?.responses['200']?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/TipRefund' });
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409']));
    expect(operation?.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['pledgeId', 'X-Guest-Token']),
    );
  });
});
