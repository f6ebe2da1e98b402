import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectProblem, waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import { createDraft, eur } from './support/campaigns';
import { run } from './support/child-process';
import {
  confirmWithCard,
  liveCampaign,
  pledgeBody,
  pledgeOn,
  pledgeOnceIn,
  stripeBooks,
  stripeTransferred,
  type PlacedPledge,
} from './support/pledges';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';

interface Fact {
  streamId: string;
  position: number;
  hash: string;
}
interface Money {
  amount: number;
  currency: string;
}
interface Statement {
  statementId: string;
  status: string;
  lines: { netDue: Money; processingFeesBorneByPlatform: Money | null };
  facts: Fact | null;
}
interface Signed {
  checkpoint: { log: string; sequence: number; issuedAt: string; heads: Fact[] };
}

/** Webhooks, the outbox relays and the statement worker: seconds at most. */
const PAYOUT_DEADLINE_MS = 30_000;

/**
 * Issue #11, deliverable 4, with every process real: a keep-it-all campaign is paid out, then
 * anyone reads its public ledger (exact figures, the events behind them, chains that hold) and
 * the platform's month; the payout is in a checkpoint signed on it — the hourly one is an hour
 * away — and `npm run verify-ledger` finds the statement's fact in it. The books balance.
 */
describe('a campaign’s public ledger and the platform’s transparency page', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let backer: Account;
  let other: Account;
  let moderator: Account;
  let workDir: string;
  let campaignId: string;
  let statement: Statement;

  beforeAll(async () => {
    ({
      stack,
      api,
      accounts: { holder, backer, other, moderator },
    } = await startStack(
      'public_ledger',
      { members: ['holder', 'backer', 'other'], moderators: ['moderator'] },
      { payments: true, env: { PAYOUT_WORKER_INTERVAL_MS: '200', PAYOUT_ACCOUNT_RECHECK_MS: '200' } },
    ));
    workDir = await mkdtemp(join(tmpdir(), 'elan-e2e-public-ledger-'));
    // Five processes to start: on a loaded machine that takes longer than a test.
  }, 180_000);
  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
    await stack?.stop();
  });

  const stripe = () => stack.payments;
  const paid = async (contributor: Account, amount: number, tip: number): Promise<PlacedPledge> => {
    const placed = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(amount), tip: eur(tip) }), contributor);
    expect(await confirmWithCard(stripe(), placed)).toBe('succeeded');
    await pledgeOnceIn(api, placed.pledge.pledgeId, contributor, 'committed');
    return placed;
  };
  const payoutsOnce = (
    holds: (p: { balance: { collected: { count: number }; refunded: { count: number } }; statements: Statement[] }) => boolean,
    description: string,
  ) =>
    waitUntil(
      async () => {
        const response = await api.get(`/api/campaigns/${campaignId}/payouts`, holder);
        return response.status === 200 && holds(response.body) ? (response.body as { statements: Statement[] }) : undefined;
      },
      { timeoutMs: PAYOUT_DEADLINE_MS, intervalMs: 200, description },
    );

  it('pays out a keep-it-all campaign: 6 500 collected, 1 000 refunded, 5 500 transferred', async () => {
    await api.post('/api/me/payout-account', holder).expect(201);
    const account = Object.values((await stripe().control.state()).accounts).find(
      (a) => a.metadata?.['elan_holder_id'] === holder.id,
    );
    await stripe().control.setAccountVerification(account?.id ?? '', 'verified');
    await waitUntil(
      async () => ((await api.get('/api/me/payout-account', holder).expect(200)).body.canReceiveTransfers ? true : undefined),
      { timeoutMs: PAYOUT_DEADLINE_MS, intervalMs: 100, description: 'the payout account is verified' },
    );
    ({ campaignId } = await liveCampaign(api, holder, moderator, { fundingModel: 'keep_it_all', lastsMs: 600_000 }));
    await paid(backer, 3_000, 300);
    await paid(other, 2_500, 0);
    const refunded = await paid(backer, 1_000, 100);
    await api.post(`/api/pledges/${refunded.pledge.pledgeId}/cancel`, backer).expect(200);
    await payoutsOnce((p) => p.balance.collected.count === 3 && p.balance.refunded.count === 1, 'the refund is on the ledger');

    await api.post(`/api/campaigns/${campaignId}/payouts`, holder, { idempotencyKey: `payout-${campaignId}` }).expect(201);
    const payouts = await payoutsOnce(
      (p) => p.statements[0]?.status === 'paid' && p.statements[0].lines.processingFeesBorneByPlatform !== null,
      'the statement is paid',
    );
    statement = payouts.statements[0]!;
    expect(statement.lines.netDue).toEqual(eur(5_500));
    expect(statement.facts).toMatchObject({
      streamId: `payoutledger-${campaignId}`,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  }, 120_000);

  it('shows anyone the campaign’s ledger with exact figures, the events behind them, and chains that hold', async () => {
    const { body: ledger } = await api.get(`/api/campaigns/${campaignId}/ledger`).expect(200);

    expect(ledger).toMatchObject({
      campaignId,
      currency: 'EUR',
      collected: { count: 3, amount: eur(6_500) },
      refunded: { count: 1, amount: eur(1_000) },
      paidOut: { count: 1, amount: eur(5_500) },
      reversed: { count: 0, amount: eur(0), facts: [] },
      stillDue: eur(0),
      stillDueFacts: [],
      advancedByPlatform: eur(0),
      balances: true,
      verified: true,
    });
    const ledgerStream = `payoutledger-${campaignId}`;
    expect(ledger.collected.facts.map((fact: Fact) => fact.streamId)).toEqual([ledgerStream, ledgerStream, ledgerStream]);
    expect(ledger.refunded.facts).toHaveLength(1);
    expect(ledger.paidOut.facts).toEqual([
      {
        streamId: `payout-${statement.statementId}`,
        position: expect.any(Number),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    expect(ledger.chains.map((chain: { streamId: string; ok: boolean }) => [chain.streamId, chain.ok])).toEqual([
      [ledgerStream, true],
      [`payout-${statement.statementId}`, true],
    ]);
    // The events named are the published links: a verifier finds the same hashes.
    const { body: links } = await api.get(`/api/transparency/streams/${ledgerStream}/links?from=1&limit=100`).expect(200);
    for (const fact of [...ledger.collected.facts, ...ledger.refunded.facts, statement.facts])
      expect(links.links.find((link: Fact) => link.position === fact.position)?.hash).toBe(fact.hash);
    // No personal data: not the holder, not a backer, not a payment.
    const text = JSON.stringify(ledger);
    for (const personal of [holder.id, backer.id, other.id, 'pi_', 'acct_', 'tr_']) expect(text).not.toContain(personal);
  });

  it('signs a checkpoint of the payout on it, and verify-ledger finds the statement’s fact in it', async () => {
    const { body: ledger } = await api.get(`/api/campaigns/${campaignId}/ledger`).expect(200);
    const paidFact = ledger.paidOut.facts[0] as Fact;
    const latest = await waitUntil(
      async () => {
        const { body } = await api.get('/api/transparency/checkpoints').expect(200);
        const payout = (body.checkpoints as Signed[]).find((signed) => signed.checkpoint.log === 'elan/payout');
        return payout?.checkpoint.heads.some((head) => head.streamId === paidFact.streamId) ? payout : undefined;
      },
      { timeoutMs: PAYOUT_DEADLINE_MS, intervalMs: 200, description: 'a payout checkpoint covers the statement paid' },
    );
    expect(latest.checkpoint.heads).toContainEqual(paidFact);
    const kept = join(workDir, 'kept.json');
    const fact = (f: Fact) => `${f.streamId}:${f.position}:${f.hash}`;

    const finished = await run(
      'npm',
      [
        'run',
        '--silent',
        'verify-ledger',
        '--',
        stack.url,
        '--kept',
        kept,
        '--json',
        '--fact',
        fact(statement.facts!),
        '--fact',
        fact(paidFact),
      ],
      { ...process.env },
      60_000,
    );

    const report = JSON.parse(finished.stdout) as {
      findings: unknown[];
      facts: { fact: string; log: string; included: boolean }[];
    };
    expect(report.findings).toEqual([]);
    expect(report.facts.map((f) => [f.fact, f.log, f.included])).toEqual([
      [fact(statement.facts!), 'elan/payout', true],
      [fact(paidFact), 'elan/payout', true],
    ]);
    expect(finished.code).toBe(0);
  });

  it('shows the platform’s month: pledges collected, refunded, paid out, tips received, fees borne', async () => {
    const month = new Date().toISOString().slice(0, 7);
    // The tipping ledger follows the pledges' events: the refunded pledge's tip leaves it.
    const body = await waitUntil(
      async () => {
        const response = await api.get(`/api/transparency?from=${month}&to=${month}`).expect(200);
        return response.body.months[0]?.tipsReceived.count === 1 ? response.body : undefined;
      },
      { timeoutMs: PAYOUT_DEADLINE_MS, intervalMs: 200, description: 'the month’s tips' },
    );

    expect(body).toEqual({
      months: [
        {
          month,
          currency: 'EUR',
          pledgesCollected: { count: 3, amount: eur(6_500) },
          pledgesRefunded: { count: 1, amount: eur(1_000) },
          paidOut: { count: 1, amount: eur(5_500) },
          advancesReversed: { count: 0, amount: eur(0) },
          tipsReceived: { count: 1, amount: eur(300) },
          processingFeesBorne: statement.lines.processingFeesBorneByPlatform,
        },
      ],
    });
    expect((await api.get('/api/transparency?to=2000-01').expect(200)).body).toEqual({ months: [] });
  });

  it('answers a campaign not public, an unknown one and bad input with problems, and documents the routes', async () => {
    const draft = await createDraft(api, holder);
    expectProblem(await api.get(`/api/campaigns/${draft}/ledger`), 404, 'not_found');
    expectProblem(await api.get('/api/campaigns/0195f0a0-0000-7000-8000-00000000dead/ledger'), 404, 'not_found');
    expectProblem(await api.get('/api/campaigns/not-a-uuid/ledger'), 400, 'validation-failed');
    const backwards = expectProblem(await api.get('/api/transparency?from=2026-12&to=2026-01'), 400, 'validation-failed');
    expect(backwards).toMatchObject({ errors: [expect.objectContaining({ field: 'from' })] });
    expectProblem(await api.get('/api/transparency?month=2026-01'), 400, 'validation-failed');

    const { body } = await api.get('/api/docs-json').expect(200);
    for (const path of ['/api/transparency', '/api/campaigns/{id}/ledger']) {
      const operation = body.paths[path]?.get;
      expect(operation?.security).toBeUndefined();
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '503', '504']));
    }
  });

  it('balances to the cent: Stripe kept the pledges and tips standing, and transferred what was paid out', async () => {
    const books = await waitUntil(
      async () => {
        const now = await stripeBooks(stripe());
        return now.captured - now.refunded === 3_300 + 2_500 ? now : undefined;
      },
      { timeoutMs: PAYOUT_DEADLINE_MS, intervalMs: 200, description: 'Stripe keeps 5 800 cents' },
    );
    expect(books.problems).toEqual([]);
    expect(await stripeTransferred(stripe())).toBe(5_500);
  });
});
