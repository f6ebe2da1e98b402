import { getPayoutAccount, startPayoutAccount, type ReplyOf } from '@elan/contracts';
import { uuidv7 } from '@elan/domain-kernel';
import { waitUntil } from '@elan/testing';
import { payoutAccountStream } from '../payout-account';
import { PayoutTestbed } from '../test/payout.testbed';
import { connectedAccountKey, holderOwner } from './payout-accounts';

type View = ReplyOf<typeof getPayoutAccount>;

const actorOf = (holderId: string) => ({ accountId: holderId, roles: ['contributor' as const, 'holder' as const] });

/**
 * The payout service in this process on a schema, a NATS server and a Stripe emulator of this
 * file's own (the payout testbed). The test plays the gateway: it asks the requests, and publishes
 * Stripe's `account.updated` as the gateway's relay would, at the times and in the order it chooses.
 */
describe('the payout service', () => {
  let bed: PayoutTestbed;

  beforeAll(async () => {
    bed = await PayoutTestbed.start({ prefix: 'payout' });
  });

  afterAll(() => bed?.close());

  const start = (holderId: string) =>
    bed.requests.request(startPayoutAccount, { actor: actorOf(holderId), email: `${holderId}@example.org` });
  const view = (holderId: string): Promise<View> => bed.requests.request(getPayoutAccount, { actor: actorOf(holderId) });
  const viewOnce = (holderId: string, holds: (v: View) => boolean, description: string) =>
    waitUntil(
      async () => {
        const current = await view(holderId);
        return holds(current) ? current : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 50, description },
    );

  const eventsOf = (holderId: string): Promise<string[]> => bed.eventTypes(payoutAccountStream(holderId));
  const accountsOf = (holderId: string) => bed.stripeAccountsOf(holderId);
  const publishAccountUpdated = (accountId: string, holderId: string, created: Date) =>
    bed.publishAccountUpdated(accountId, holderId, created);
  /** A message already published, again: a relay's retry or a redelivery (same event id). */
  const republish = (index: number) => bed.again(index);

  it('makes one Stripe account and records one opening when two starts race', async () => {
    const holderId = uuidv7();
    const answers = await Promise.all([start(holderId), start(holderId)]);

    expect(answers.map((a) => a.opened).sort()).toEqual([false, true]);
    expect(new Set(answers.map((a) => a.onboardingUrl)).size).toBe(1);
    expect(answers[0]?.onboardingUrl).toMatch(/\/emulator\/onboarding\/acct_/);
    expect(await accountsOf(holderId)).toHaveLength(1);
    expect(await eventsOf(holderId)).toEqual(['PayoutAccountOpened']);
    expect((await start(holderId)).opened).toBe(false);
    expect(await accountsOf(holderId)).toHaveLength(1);
  });

  it('ignores an account.updated older than the last applied, and a redelivered one', async () => {
    const holderId = uuidv7();
    await start(holderId);
    const [account] = await accountsOf(holderId);
    const accountId = account?.id ?? '';
    const t0 = Date.now();

    await bed.emulator.control.setAccountVerification(accountId, 'verified');
    const verifiedMessage = await publishAccountUpdated(accountId, holderId, new Date(t0 + 20_000));
    await viewOnce(holderId, (v) => v.status === 'verified', 'the account is verified');

    // Stripe restricts it, but the event that arrives says it happened before the verification.
    await bed.emulator.control.setAccountVerification(accountId, 'restricted', ['external_account']);
    await publishAccountUpdated(accountId, holderId, new Date(t0 + 10_000));
    // A later event proves the consumer has gone past the stale one.
    const later = uuidv7();
    await start(later);
    const [laterAccount] = await accountsOf(later);
    await bed.emulator.control.setAccountVerification(laterAccount?.id ?? '', 'verified');
    await publishAccountUpdated(laterAccount?.id ?? '', later, new Date(t0 + 30_000));
    await viewOnce(later, (v) => v.status === 'verified', 'the later account is verified');
    expect((await view(holderId)).status).toBe('verified');
    expect(await eventsOf(holderId)).toEqual(['PayoutAccountOpened', 'PayoutAccountVerified']);

    // The newer event applies; its redelivery changes nothing.
    const restrictedMessage = await publishAccountUpdated(accountId, holderId, new Date(t0 + 40_000));
    const restricted = await viewOnce(holderId, (v) => v.status === 'restricted', 'the account is restricted');
    expect(restricted).toMatchObject({ requirements: ['external_account'], canReceiveTransfers: false });
    await republish(restrictedMessage);
    await republish(verifiedMessage);
    await bed.emulator.control.setAccountVerification(laterAccount?.id ?? '', 'restricted');
    await publishAccountUpdated(laterAccount?.id ?? '', later, new Date(t0 + 50_000));
    await viewOnce(later, (v) => v.status === 'restricted', 'the later account is restricted');
    expect(await eventsOf(holderId)).toEqual(['PayoutAccountOpened', 'PayoutAccountVerified', 'PayoutAccountRestricted']);
  });

  it('opens the account from Stripe’s update when the start’s recording was lost', async () => {
    const holderId = uuidv7();
    const account = await bed.payments.createConnectedAccount({
      owner: holderOwner(holderId),
      idempotencyKey: connectedAccountKey(holderId),
      email: 'lost-reply@example.org',
      country: 'FR',
    });
    expect((await view(holderId)).status).toBe('none');

    await bed.emulator.control.setAccountVerification(account.accountId, 'verified');
    await publishAccountUpdated(account.accountId, holderId, new Date());

    await viewOnce(holderId, (v) => v.status === 'verified', 'the account is opened and verified');
    expect(await eventsOf(holderId)).toEqual(['PayoutAccountOpened', 'PayoutAccountVerified']);
    const again = await start(holderId);
    expect(again).toMatchObject({ opened: false, status: 'verified' });
    expect(await accountsOf(holderId)).toHaveLength(1);
  });

  it('refuses an update naming a holder the Stripe account does not belong to', async () => {
    const owner = uuidv7();
    const impostor = uuidv7();
    await start(owner);
    const [account] = await accountsOf(owner);
    await bed.emulator.control.setAccountVerification(account?.id ?? '', 'verified');

    await publishAccountUpdated(account?.id ?? '', impostor, new Date());
    await publishAccountUpdated(account?.id ?? '', owner, new Date());

    await viewOnce(owner, (v) => v.status === 'verified', 'the owner’s account is verified');
    expect((await view(impostor)).status).toBe('none');
    expect(await eventsOf(impostor)).toEqual([]);
  });
});
