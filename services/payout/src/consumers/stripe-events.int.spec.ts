import { getPayoutAccount, requestPayout } from '@elan/contracts';
import { uuidv7 } from '@elan/domain-kernel';
import { waitUntil } from '@elan/testing';
import { holderActor, PayoutTestbed } from '../test/payout.testbed';

/** Far longer than any wait of this file: a statement paid here was woken, not rechecked. */
const RECHECK_MS = 3_600_000;

/**
 * Statements waiting for their holder's payout account wake on Stripe's `account.updated`: the
 * payout service in this process (the payout testbed), its recheck an hour away, the test playing
 * the gateway and the campaign and pledge services. Verified, the account's waiting statement is
 * paid at the worker's next pass; an update that leaves the account unable to receive, or another
 * holder's, wakes nothing.
 */
describe('statements waiting for a payout account', () => {
  let bed: PayoutTestbed;

  beforeAll(async () => {
    bed = await PayoutTestbed.start({
      prefix: 'payout_wake',
      statements: {
        interval: { kind: 'every', ms: RECHECK_MS },
        retryBaseMs: 300,
        retryMaxMs: 1_000,
        accountRecheckMs: RECHECK_MS,
      },
      statementWorkerIntervalMs: 50,
    });
  });

  afterAll(() => bed?.close());

  /** A keep-it-all campaign of an unverified holder, one pledge charged, its statement asked for and waiting. */
  const waitingStatement = async (amount: number) => {
    const { holderId, accountId } = await bed.holder({ verified: false });
    const campaignId = uuidv7();
    await bed.launch(campaignId, holderId, 'keep_it_all');
    await bed.commitCharged(campaignId, amount);
    await bed.payoutsOnce(holderId, campaignId, (p) => p.balance.netDue.amount === amount, 'the pledge is on the ledger');
    await bed.requests.request(requestPayout, { actor: holderActor(holderId), campaignId });
    const waiting = await bed.payoutsOnce(
      holderId,
      campaignId,
      (p) => p.statements[0]?.status === 'awaiting_account',
      'the statement waits for the account',
    );
    const nextAttemptAt = waiting.statements[0]?.transfer.nextAttemptAt ?? '';
    // Its next look at the account is the recheck's, an hour away.
    expect(Date.parse(nextAttemptAt) - Date.now()).toBeGreaterThan(RECHECK_MS / 2);
    return { holderId, accountId, campaignId, nextAttemptAt };
  };

  it('pays a waiting statement as soon as Stripe says the account can receive, not at its recheck', async () => {
    const mine = await waitingStatement(2_000);
    const theirs = await waitingStatement(1_500);

    // Stripe restricts the account first: it still cannot receive, and the statement keeps waiting.
    await bed.emulator.control.setAccountVerification(mine.accountId, 'restricted', ['individual.verification.document']);
    await bed.publishAccountUpdated(mine.accountId, mine.holderId, new Date());
    await waitUntil(
      async () =>
        (await bed.requests.request(getPayoutAccount, { actor: holderActor(mine.holderId) })).status === 'restricted'
          ? true
          : undefined,
      { timeoutMs: 10_000, intervalMs: 50, description: 'the account is restricted' },
    );
    const restricted = await bed.payoutsOnce(mine.holderId, mine.campaignId, () => true, 'the payouts');
    expect(restricted.statements[0]).toMatchObject({
      status: 'awaiting_account',
      transfer: { nextAttemptAt: mine.nextAttemptAt },
    });

    // Verified: the statement is paid within seconds, by one transfer to the holder's account.
    await bed.verify(mine.holderId, mine.accountId);
    const paid = await bed.payoutsOnce(mine.holderId, mine.campaignId, (p) => p.statements[0]?.status === 'paid', 'it is paid');
    const transfers = await bed.transfersOf(mine.campaignId);
    expect(transfers.map((t) => [t.amount, t.destination])).toEqual([[2_000, mine.accountId]]);
    expect(paid.statements[0]?.transfer).toMatchObject({ transferId: transfers[0]?.id, attempts: 1, nextAttemptAt: null });

    // The other holder's statement was not woken: it waits for its own account, at its own recheck.
    const other = await bed.payoutsOnce(theirs.holderId, theirs.campaignId, () => true, 'the other payouts');
    expect(other.statements[0]).toMatchObject({
      status: 'awaiting_account',
      transfer: { nextAttemptAt: theirs.nextAttemptAt },
    });
    expect(await bed.transfersOf(theirs.campaignId)).toEqual([]);
    expect(await bed.unbalancedBooks()).toEqual([]);
  });
});
