import { startMailCatcher, type CaughtMail, type RunningMailCatcher } from '@elan/mail-catcher';
import { uniqueEmail, waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import { eur } from './support/campaigns';
import { confirmWithCard, liveCampaign, pledgeBody, pledgeOn, pledgeOnceIn, stripeBooks } from './support/pledges';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';

const MAIL_WITHIN_MS = 20_000;
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/**
 * Mails end to end (ADR 0031): every process real — gateway, campaign, pledge, tipping, payout and
 * notification services, the Stripe emulator — and the mail catcher as the SMTP server. Pledges
 * are placed and paid through the API; the receipts arrive over SMTP, addresses asked of the
 * pledge service at send time.
 */
describe('mails from the integration events', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let moderator: Account;
  let backer: Account;
  let catcher: RunningMailCatcher;
  let campaignId: string;

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    ({
      stack,
      api,
      accounts: { holder, backer, moderator },
    } = await startStack(
      'notifications',
      { members: ['holder', 'backer'], moderators: ['moderator'] },
      { payments: true, env: { PLEDGE_TALLY_GRACE_MS: '300' } },
    ));
    await stack.startNotificationService(catcher.smtpUrl);
    ({ campaignId } = await liveCampaign(api, holder, moderator, { fundingModel: 'keep_it_all', lastsMs: 10 * 60_000 }));
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await catcher?.stop();
  });

  const mailsTo = (address: string): CaughtMail[] => catcher.mails().filter((m) => m.to.includes(address));

  it('sends the backer one receipt, pledge and tip on separate lines, and no second one after a restart', async () => {
    const placed = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(2_550), tip: eur(325) }), backer);
    expect(await confirmWithCard(stack.payments, placed)).toBe('succeeded');

    const receipt = await waitUntil(() => mailsTo(backer.email)[0], {
      timeoutMs: MAIL_WITHIN_MS,
      description: `the receipt to ${backer.email}`,
    });
    expect(receipt.subject).toMatch(/^Votre contribution à « .+ »$/);
    expect(plain(receipt.text)).toContain('Contribution au projet : 25,50 €\nPourboire à Élan : 3,25 €\nTotal payé : 28,75 €');
    expect(receipt.text).toContain(`Référence : ${placed.pledge.pledgeId}`);
    expect(receipt.html).toContain('<html lang="fr">');

    // The service goes down and comes back: its consumers resume where their inbox says, nothing is sent twice.
    expect(await stack.stopNotificationService()).toBe(0);
    await stack.startNotificationService(catcher.smtpUrl);
    const another = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(1_000), tip: eur(0) }), backer);
    expect(await confirmWithCard(stack.payments, another)).toBe('succeeded');
    await waitUntil(() => (mailsTo(backer.email).length >= 2 ? true : undefined), {
      timeoutMs: MAIL_WITHIN_MS,
      description: 'the second receipt',
    });
    const receipts = mailsTo(backer.email);
    expect(receipts).toHaveLength(2);
    expect(plain(receipts[1]?.text ?? '')).toContain('Pourboire à Élan : 0,00 € (aucun pourboire)');
  });

  it('writes nothing to a guest who erased their data before the receipt went out', async () => {
    await stack.stopNotificationService();
    const email = uniqueEmail('guest');
    const placed = await pledgeOn(
      api,
      campaignId,
      pledgeBody({ amount: eur(2_000), tip: eur(100), name: 'Inès Garrigue', email }),
    );
    expect(await confirmWithCard(stack.payments, placed)).toBe('succeeded');
    const viewer = { guestToken: placed.guestToken ?? '' };
    await pledgeOnceIn(api, placed.pledge.pledgeId, viewer, 'committed');
    await api.delete(`/api/pledges/${placed.pledge.pledgeId}/personal-data`).set('X-Guest-Token', viewer.guestToken).expect(204);

    // A pledge placed after it, by an account: once its receipt is there, the guest's event was handled before it.
    await stack.startNotificationService(catcher.smtpUrl);
    const later = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(500), tip: eur(0) }), moderator);
    expect(await confirmWithCard(stack.payments, later)).toBe('succeeded');
    await waitUntil(() => mailsTo(moderator.email)[0], { timeoutMs: MAIL_WITHIN_MS, description: 'the later receipt' });
    expect(mailsTo(email)).toEqual([]);
  });

  it('tells the holder, through the address the gateway answers, how the campaign ended', async () => {
    const { campaignId: short } = await liveCampaign(api, holder, moderator, { fundingModel: 'keep_it_all', lastsMs: 6_000 });
    const placed = await pledgeOn(api, short, pledgeBody({ amount: eur(4_200), tip: eur(0) }), backer);
    expect(await confirmWithCard(stack.payments, placed)).toBe('succeeded');
    const outcome = await waitUntil(() => mailsTo(holder.email)[0], {
      timeoutMs: 6_000 + 30_000,
      description: `the campaign's outcome to ${holder.email}`,
    });
    expect(outcome.subject).toMatch(/^« .+ » est terminée$/);
    expect(plain(outcome.text)).toContain('Total collecté (hors pourboires) : 42,00 €\nContributeurs : 1');
    expect(mailsTo(holder.email)).toHaveLength(1);
  });

  it('balances to the cent: Stripe kept every pledge and tip', async () => {
    const expected = 2_550 + 325 + 1_000 + 2_000 + 100 + 500 + 4_200;
    const books = await waitUntil(
      async () => {
        const now = await stripeBooks(stack.payments);
        return now.captured - now.refunded === expected ? now : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 200, description: `Stripe keeps ${expected} cents` },
    );
    expect(books.problems).toEqual([]);
  });
});
