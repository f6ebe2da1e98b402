import { expectProblem, waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import { addTier, completeDraft, createDraft } from './support/campaigns';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';

interface PayoutAccountView {
  readonly status: 'none' | 'pending' | 'verified' | 'restricted';
  readonly requirements: string[];
  readonly disabledReason: string | null;
  readonly canReceiveTransfers: boolean;
  readonly explanation: string;
}

interface StartedPayoutAccount {
  readonly status: string;
  readonly requirements: string[];
  readonly onboardingUrl: string;
  readonly expiresAt: string;
}

/** Stripe's account.updated travels emulator → gateway → NATS → payout service: seconds at most. */
const WEBHOOK_DEADLINE_MS = 20_000;

/**
 * A holder's payout account with every process real: the gateway, the payout and campaign
 * services, the Stripe emulator delivering signed webhooks, NATS and PostgreSQL, on a stack that
 * requires a payout account to submit a campaign (CAMPAIGN_REQUIRES_PAYOUT_ACCOUNT=true, as
 * production does by default). The holder starts the account through
 * the public API; the test moves its verification at the emulator (as Stripe's review would), and
 * the holder sees each move through `GET /api/me/payout-account`.
 */
describe('a holder’s payout account', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let other: Account;
  let newcomer: Account;
  let first: StartedPayoutAccount;

  beforeAll(async () => {
    ({
      stack,
      api,
      accounts: { holder, other, newcomer },
    } = await startStack(
      'payouts',
      { members: ['holder', 'other', 'newcomer'] },
      { payments: true, env: { CAMPAIGN_REQUIRES_PAYOUT_ACCOUNT: 'true' } },
    ));
  });
  afterAll(() => stack?.stop());

  const view = async (account: Account): Promise<PayoutAccountView> =>
    (await api.get('/api/me/payout-account', account).expect(200)).body as PayoutAccountView;

  const viewOnce = (account: Account, holds: (view: PayoutAccountView) => boolean, description: string) =>
    waitUntil(
      async () => {
        const current = await view(account);
        return holds(current) ? current : undefined;
      },
      { timeoutMs: WEBHOOK_DEADLINE_MS, intervalMs: 100, description },
    );

  /** The emulator's Express accounts whose Élan metadata names `holderId`. */
  const accountsOf = async (holderId: string) =>
    Object.values((await stack.payments.control.state()).accounts).filter(
      (account) => account.metadata?.['elan_holder_id'] === holderId,
    );

  it('says none to a holder who never started one, with what to do', async () => {
    expect(await view(holder)).toEqual({
      status: 'none',
      requirements: [],
      disabledReason: null,
      canReceiveTransfers: false,
      explanation: expect.stringMatching(/No payout account yet/),
    });
  });

  it('starts the account at Stripe and answers an onboarding link (201)', async () => {
    const response = await api.post('/api/me/payout-account', holder).expect(201);
    first = response.body as StartedPayoutAccount;
    expect(first).toEqual({
      status: 'pending',
      requirements: expect.arrayContaining(['external_account']),
      onboardingUrl: expect.stringMatching(/^http:\/\/.+\/emulator\/onboarding\/acct_/),
      expiresAt: expect.any(String),
    });
    expect(Date.parse(first.expiresAt)).toBeGreaterThan(Date.now());
    const accounts = await accountsOf(holder.id);
    expect(accounts.map((account) => [account.type, account.metadata])).toEqual([
      ['express', { elan_service: 'payout', elan_holder_id: holder.id }],
    ]);
    expect(accounts[0]?.email).toBe(holder.email);
  });

  it('shows it pending, with what onboarding still needs', async () => {
    const pending = await view(holder);
    expect(pending).toMatchObject({ status: 'pending', canReceiveTransfers: false, requirements: first.requirements });
    expect(pending.requirements.length).toBeGreaterThan(0);
    expect(pending.explanation).toContain(`Stripe still needs: ${pending.requirements.join(', ')}`);
  });

  it('shows it verified once Stripe’s account.updated says so', async () => {
    const [account] = await accountsOf(holder.id);
    await stack.payments.control.setAccountVerification(account?.id ?? '', 'verified');

    const verified = await viewOnce(holder, (v) => v.status === 'verified', 'the payout account is verified');
    expect(verified).toEqual({
      status: 'verified',
      requirements: [],
      disabledReason: null,
      canReceiveTransfers: true,
      explanation: expect.stringMatching(/can receive transfers/),
    });
  });

  it('shows it restricted with what the holder must provide, and explains why money would wait', async () => {
    const [account] = await accountsOf(holder.id);
    await stack.payments.control.setAccountVerification(account?.id ?? '', 'restricted', ['individual.verification.document']);

    const restricted = await viewOnce(holder, (v) => v.status === 'restricted', 'the payout account is restricted');
    expect(restricted).toEqual({
      status: 'restricted',
      requirements: ['individual.verification.document'],
      disabledReason: 'requirements.past_due',
      canReceiveTransfers: false,
      explanation: expect.stringContaining('Stripe still needs: individual.verification.document'),
    });
    expect(restricted.explanation).toMatch(/money would wait/);
  });

  it('answers a new link for the same Stripe account when asked again (200), and never makes a second account', async () => {
    const again = (await api.post('/api/me/payout-account', holder).expect(200)).body as StartedPayoutAccount;
    expect(again.status).toBe('restricted');
    expect(again.requirements).toEqual(['individual.verification.document']);
    const accounts = await accountsOf(holder.id);
    expect(accounts).toHaveLength(1);
    expect(again.onboardingUrl).toMatch(new RegExp(`/emulator/onboarding/${accounts[0]?.id ?? 'none'}$`));
    expect(again.onboardingUrl).toBe(first.onboardingUrl);
    expect(Date.parse(again.expiresAt)).toBeGreaterThanOrEqual(Date.parse(first.expiresAt));
  });

  it('keeps one holder’s account apart from another’s', async () => {
    expect((await view(other)).status).toBe('none');
    await api.post('/api/me/payout-account', other).expect(201);
    const [mine] = await accountsOf(holder.id);
    const [theirs] = await accountsOf(other.id);
    expect(theirs?.id).toBeDefined();
    expect(theirs?.id).not.toBe(mine?.id);
    expect((await view(holder)).status).toBe('restricted');
    expect((await view(other)).status).toBe('pending');
  });

  it('refuses to submit a campaign for review until its holder has started a payout account', async () => {
    const campaignId = await createDraft(api, newcomer, completeDraft());
    await addTier(api, newcomer, campaignId);
    const submit = () => api.post(`/api/campaigns/${campaignId}/submit`, newcomer);

    const refused = expectProblem(await submit(), 409, 'illegal_state');
    expect(refused.detail).toMatch(/payout account/);

    await api.post('/api/me/payout-account', newcomer).expect(201);
    const submitted = await waitUntil(
      async () => {
        const response = await submit();
        return response.status === 200 ? (response.body as { status: string }) : undefined;
      },
      {
        timeoutMs: WEBHOOK_DEADLINE_MS,
        intervalMs: 200,
        description: 'the campaign is submitted once the payout account is known',
      },
    );
    expect(submitted.status).toBe('submitted');
  });

  it('refuses a caller without a token with a 401 problem, both ways', async () => {
    expectProblem(await api.post('/api/me/payout-account'), 401, 'unauthenticated');
    expectProblem(await api.get('/api/me/payout-account'), 401, 'unauthenticated');
  });
});
