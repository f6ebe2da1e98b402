import type { ReplyOf, getPayoutAccount, listCampaignPayouts, requestPayout, startPayoutAccount } from '@elan/contracts';
import { StripeEmulatorControl } from '@elan/stripe-emulator';
import { waitUntil } from '@elan/testing';
import { ApiError, type Client } from './client';
import { DEFAULT_EMULATOR_URL } from './pledges';

/**
 * The paid-out demo campaign of `npm run seed`: its holder opens a payout account through the
 * public API (`POST /api/me/payout-account`), the account is verified — by the emulator's control
 * API, as Stripe's review would; with real Stripe test keys the operator finishes the onboarding
 * link instead — and the holder asks for a statement (`POST /api/campaigns/{id}/payouts`, a
 * keep-it-all request): the payout service draws it on the campaign's ledger and pays it by a
 * Connect transfer. The seed waits (with deadlines) for each step to show through the API.
 *
 * Running it again adds nothing: the account is the same (200), and no statement is asked for
 * while nothing is due.
 */

type StartedAccount = ReplyOf<typeof startPayoutAccount>;
type PayoutAccount = ReplyOf<typeof getPayoutAccount>;
type CampaignPayouts = ReplyOf<typeof listCampaignPayouts>;
export type Statement = ReplyOf<typeof requestPayout>;

/** Webhooks (account.updated), the payout service's consumers and its statement worker (every second): seconds. */
const PAYOUT_TIMEOUT_MS = 30_000;

/** The emulator the seed pays at: its URL and control API. */
export interface SeedEmulator {
  readonly url: string;
  readonly control: StripeEmulatorControl;
}

/** The emulator where stripeForSeed points the SDK; none against the Stripe API itself (a key without STRIPE_API_URL). */
export function emulatorForSeed(env: NodeJS.ProcessEnv): SeedEmulator | undefined {
  if (env.STRIPE_SECRET_KEY?.trim() && !env.STRIPE_API_URL) return undefined;
  const url = (env.STRIPE_API_URL ?? DEFAULT_EMULATOR_URL).replace(/\/+$/, '');
  return { url, control: new StripeEmulatorControl(url) };
}

export interface PayoutSeeding {
  readonly client: Client;
  /** The holder's session, and its e-mail to name it. */
  readonly holder: { readonly token: string; readonly email: string };
  /** The keep-it-all campaign to pay out, with what its page says was raised. */
  readonly campaign: { readonly campaignId: string; readonly title: string; readonly raised: number };
  /** The emulator, or undefined against the Stripe API. */
  readonly emulator: SeedEmulator | undefined;
}

export interface SeededPayout {
  readonly account: PayoutAccount;
  readonly statements: readonly Statement[];
  /** Whether this run asked for the statement (false: an earlier run did, or nothing was due). */
  readonly requested: boolean;
  readonly onboardingUrl: string;
}

const euros = (money: { amount: number }): string => `${(money.amount / 100).toFixed(2)} €`;

/** Opens (or finds) the holder's payout account, has it verified at the emulator, and pays the campaign out. */
export async function seedPayout(seeding: PayoutSeeding): Promise<SeededPayout> {
  const { client, holder, campaign, emulator } = seeding;
  const started = await client.call<StartedAccount>('POST', '/api/me/payout-account', { token: holder.token });
  let account = await client.call<PayoutAccount>('GET', '/api/me/payout-account', { token: holder.token });
  if (!account.canReceiveTransfers && emulator) account = await verifiedAtEmulator(seeding, emulator);

  const payouts = `/api/campaigns/${campaign.campaignId}/payouts`;
  // The payout service learns the campaign and its charges from events: wait until its ledger holds them all.
  let current = await waitUntil(
    async () => {
      const answer = await client.call<CampaignPayouts>('GET', payouts, { token: holder.token }).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return undefined;
        throw error;
      });
      return answer && answer.balance.collected.amount.amount - answer.balance.refunded.amount.amount >= campaign.raised
        ? answer
        : undefined;
    },
    { timeoutMs: PAYOUT_TIMEOUT_MS, intervalMs: 250, description: `the payout ledger of “${campaign.title}” counts its pledges` },
  );
  let requested = false;
  if (current.balance.netDue.amount > 0 && current.statements.every((statement) => statement.status === 'paid')) {
    await client.call<Statement>('POST', payouts, { token: holder.token });
    requested = true;
  }
  // Paid — or, when the account cannot receive yet, waiting for it and saying why.
  const settled = (statement: Statement) =>
    statement.status === 'paid' || (!account.canReceiveTransfers && statement.status === 'awaiting_account');
  const nothingDue = !requested && current.statements.length === 0;
  const outcome = nothingDue
    ? current
    : await waitUntil(
        async () => {
          const answer = await client.call<CampaignPayouts>('GET', payouts, { token: holder.token });
          return answer.statements.length > 0 && answer.statements.every(settled) ? answer : undefined;
        },
        { timeoutMs: PAYOUT_TIMEOUT_MS, intervalMs: 250, description: `the statement of “${campaign.title}” is paid` },
      ).catch((error: unknown) => {
        // At the emulator a statement is paid within seconds; at Stripe a transfer may wait for funds: say so, do not fail.
        if (emulator) throw error;
        return undefined;
      });
  current = outcome ?? (await client.call<CampaignPayouts>('GET', payouts, { token: holder.token }));
  return { account, statements: current.statements, requested, onboardingUrl: started.onboardingUrl };
}

/** What Stripe's review does, done at the emulator: the account verified, then waited for until the holder sees it. */
async function verifiedAtEmulator(seeding: PayoutSeeding, { control }: SeedEmulator): Promise<PayoutAccount> {
  const { client, holder } = seeding;
  const me = await client.call<{ id: string }>('GET', '/api/me', { token: holder.token });
  const stripeAccount = Object.values((await control.state()).accounts).find(
    (candidate) => candidate.metadata?.['elan_holder_id'] === me.id,
  );
  if (!stripeAccount) throw new Error(`the Stripe emulator holds no payout account of ${holder.email}`);
  await control.setAccountVerification(stripeAccount.id, 'verified');
  return waitUntil(
    async () => {
      const account = await client.call<PayoutAccount>('GET', '/api/me/payout-account', { token: holder.token });
      return account.canReceiveTransfers ? account : undefined;
    },
    {
      timeoutMs: PAYOUT_TIMEOUT_MS,
      intervalMs: 250,
      description: `Stripe’s account.updated verifies ${holder.email}’s payout account`,
    },
  );
}

/** What the newcomer reads: the statement, its transfer, and where to look — or why the money waits. */
export function payoutSummary(seeding: PayoutSeeding, payout: SeededPayout, baseUrl: string): string[] {
  const { holder, campaign, emulator } = seeding;
  const lines = [`Paid-out demo campaign “${campaign.title}” (keep-it-all, holder ${holder.email}):`];
  lines.push(`  payout account: ${payout.account.status}: ${payout.account.explanation}`);
  if (!payout.account.canReceiveTransfers)
    lines.push(
      `  open ${payout.onboardingUrl} as the holder and finish Stripe's test onboarding (test data only);`,
      '  once Stripe says the account is verified, the waiting statement is paid by the payout service.',
    );
  for (const statement of payout.statements) {
    const transfer = statement.transfer.transferId;
    lines.push(
      `  statement ${statement.sequence} (${statement.trigger}${payout.requested && statement === payout.statements[0] ? ', asked now' : ''}): ` +
        `${euros(statement.lines.netDue)} for ${statement.lines.pledgesCollected.count} pledges, ${statement.status}` +
        (transfer ? `, Connect transfer ${transfer} (group ${statement.transfer.transferGroup})` : '') +
        (statement.waitingFor ? `: ${statement.waitingFor.reason}` : ''),
    );
    if (transfer && emulator)
      lines.push(`    the transfer at the emulator: curl -u sk_test_elan: ${emulator.url}/v1/transfers/${transfer}`);
    else if (transfer)
      lines.push(
        `    the transfer in Stripe's dashboard (test mode): https://dashboard.stripe.com/test/connect/transfers/${transfer}`,
      );
  }
  if (payout.statements.length === 0) lines.push('  no statement yet: nothing is due');
  lines.push(
    `  see them as ${holder.email}: GET ${baseUrl}/api/me/payouts (JSON; ?format=csv or ?format=html), ` +
      `GET ${baseUrl}/api/campaigns/${campaign.campaignId}/payouts`,
    `  its public ledger, for anyone: GET ${baseUrl}/api/campaigns/${campaign.campaignId}/ledger; the platform's months: ` +
      `GET ${baseUrl}/api/transparency`,
    `  the books proved against Stripe, as the admin: POST ${baseUrl}/api/admin/reconciliation/runs, ` +
      `then GET ${baseUrl}/api/admin/reconciliation`,
  );
  return lines;
}
