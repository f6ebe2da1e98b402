import { connect, headers as natsHeaders, nkeyAuthenticator, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { campaignRejected, campaignUpdatePosted, pledgeCollectionDeclined, type IntegrationEventContract } from '@elan/contracts';
import { startMailCatcher, type CaughtMail, type RunningMailCatcher } from '@elan/mail-catcher';
import { expectProblem, uniqueEmail, waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import { completeDraft, createDraft, eur, schedule, step, STARTS_IN_MS } from './support/campaigns';
import { confirmWithCard, liveCampaign, pledgeBody, pledgeOn, pledgeOnceIn, stripeBooks } from './support/pledges';
import { startStack } from './support/preamble';
import { seedBytes, type Stack, type StackProcess } from './support/stack';

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
  /** The tests' own NATS connections (as a service's user) and database pool, closed before the stack stops. */
  const connections = new Map<StackProcess, NatsConnection>();
  let pool: Pool | undefined;
  afterAll(async () => {
    await Promise.all([...connections.values()].map((nc) => nc.close()));
    await pool?.end();
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
    const ended = () => mailsTo(holder.email).filter((m) => /^« .+ » est terminée$/.test(m.subject));
    const outcome = await waitUntil(() => ended()[0], {
      timeoutMs: 6_000 + 30_000,
      description: `the campaign's outcome to ${holder.email}`,
    });
    expect(plain(outcome.text)).toContain('Total collecté (hors pourboires) : 42,00 €\nContributeurs : 1');
    expect(ended()).toHaveLength(1);
  });

  // Issue #12 part 2: moderation decisions, updates to backers, a declined collection — each sent once.

  /** NATS as one of the stack's services, with its own user. */
  const natsAs = async (service: StackProcess): Promise<NatsConnection> => {
    const known = connections.get(service);
    if (known) return known;
    const nc = await connect({
      servers: stack.natsUrl,
      authenticator: nkeyAuthenticator(await seedBytes(stack.natsSeedFileOf(service))),
      inboxPrefix: `_INBOX.${service}`,
    });
    connections.set(service, nc);
    return nc;
  };
  const notificationSchema = () => stack.environment.NOTIFICATION_SCHEMA ?? '';
  const database = () => (pool ??= new Pool({ connectionString: stack.environment.DATABASE_URL, max: 2 }));
  /** Every message of the notification consumer's subjects handled and acknowledged (asked as the notification user). */
  const consumed = (durable: string) =>
    waitUntil(
      async () => {
        const info = await (await (await natsAs('notification')).jetstreamManager()).consumers.info('ELAN', durable);
        return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
      },
      { timeoutMs: MAIL_WITHIN_MS, description: `${durable} has consumed everything` },
    );

  /**
   * The owner's outbox relay publishing an event again, as after a crash between publishing and
   * marking it published: the same event id and stream position (read where the notification
   * service recorded them), past JetStream's duplicate window (a new message id).
   */
  const publishAgain = async <C extends IntegrationEventContract>(
    contract: C,
    mail: { template: string; key: string; value: string },
    payloadOf: (data: Record<string, unknown>) => unknown,
  ): Promise<void> => {
    const schema = notificationSchema();
    const { rows } = await database().query<{
      event_id: string;
      data: Record<string, unknown>;
      stream_id: string;
      stream_position: string;
    }>(
      `SELECT m.event_id, m.data, i.stream_id, i.stream_position FROM ${schema}.mails m
       JOIN ${schema}.inbox i ON i.event_id = m.event_id
       WHERE m.template = $1 AND m.data->>$2 = $3 LIMIT 1`,
      [mail.template, mail.key, mail.value],
    );
    const [row] = rows;
    if (!row) throw new Error(`no ${mail.template} mail recorded for ${mail.key} ${mail.value}`);
    const position = Number(row.stream_position);
    const headers = natsHeaders();
    for (const [name, value] of Object.entries({
      'Elan-Event-Id': row.event_id,
      'Elan-Event-Type': contract.type,
      'Elan-Schema-Version': String(contract.version),
      'Elan-Stream-Id': row.stream_id,
      'Elan-Stream-Position': String(position),
      'Elan-Previous-Position': String(position - 1),
      'Elan-Occurred-At': new Date().toISOString(),
      'Elan-Correlation-Id': row.event_id,
      'Elan-Causation-Id': row.event_id,
    }))
      headers.set(name, value);
    const payload = contract.schema.parse(payloadOf(row.data));
    await (await natsAs(contract.service as StackProcess))
      .jetstream()
      .publish(contract.subject, JSON.stringify(payload), { headers, msgID: randomUUID() });
  };

  it('tells the holder moderation’s decisions, the rejection with its reason, each once even when published again', async () => {
    const rejected = () => mailsTo(holder.email).filter((m) => /: des changements sont demandés$/.test(m.subject));
    const approved = () => mailsTo(holder.email).filter((m) => /^« Le fournil de la Halle » est approuvée$/.test(m.subject));
    const campaign = await createDraft(
      api,
      holder,
      completeDraft({ title: 'Le fournil de la Halle', stretchGoals: [], ...schedule(STARTS_IN_MS, 10 * 60_000) }),
    );
    await step(api, holder, campaign, 'submit');
    const reason = 'Le budget ne dit pas ce que coûte le four.';
    await step(api, moderator, campaign, 'reject', { reason });
    const rejection = await waitUntil(() => rejected()[0], { timeoutMs: MAIL_WITHIN_MS, description: 'the rejection' });
    expect(rejection.subject).toBe('« Le fournil de la Halle » : des changements sont demandés');
    expect(rejection.text).toContain(`Voici pourquoi :\n\n${reason}\n\nVotre campagne est revenue à l’état de brouillon`);

    await publishAgain(campaignRejected, { template: 'moderation_decision', key: 'campaignId', value: campaign }, (data) => ({
      campaignId: campaign,
      holderId: holder.id,
      title: data.title,
      reason: data.reason,
      rejectedAt: data.decidedAt,
    }));
    // Submitted again and approved: once the approval is there, the rejection published again before it was handled.
    await step(api, holder, campaign, 'submit');
    await step(api, moderator, campaign, 'approve');
    const approval = await waitUntil(() => approved()[0], { timeoutMs: MAIL_WITHIN_MS, description: 'the approval' });
    expect(plain(approval.text)).toMatch(
      /a approuvé votre campagne « Le fournil de la Halle » le .+\. Elle s’ouvrira aux contributions le /,
    );
    await consumed('notification-campaigns');
    expect(rejected()).toHaveLength(1);
    expect(approved()).toHaveLength(1);
  });

  it('sends an update to each backer once, two pledges or one, and never to someone erased or to the holder', async () => {
    const news = (title: string) => (m: CaughtMail) => m.subject.endsWith(`: ${title}`);
    const update = { updateId: randomUUID(), title: 'Le four est livré', body: 'Il arrive jeudi.\n\nPremière fournée samedi.' };
    await api.post(`/api/campaigns/${campaignId}/updates`, holder).send(update).expect(201);
    for (const backerOf of [backer, moderator]) {
      const mail = await waitUntil(() => mailsTo(backerOf.email).find(news(update.title)), {
        timeoutMs: MAIL_WITHIN_MS,
        description: `the update to ${backerOf.email}`,
      });
      expect(mail.subject).toMatch(/^Nouvelles de « .+ » : Le four est livré$/);
      expect(mail.text).toContain('Le four est livré\n\nIl arrive jeudi.\n\nPremière fournée samedi.');
      expect(mail.html).toContain('<p>Première fournée samedi.</p>');
    }

    await publishAgain(
      campaignUpdatePosted,
      { template: 'campaign_update', key: 'updateId', value: update.updateId },
      (data) => ({ campaignId, updateId: update.updateId, title: update.title, body: update.body, postedAt: data.postedAt }),
    );
    const later = { updateId: randomUUID(), title: 'Merci', body: 'À samedi.' };
    await api.post(`/api/campaigns/${campaignId}/updates`, holder).send(later).expect(201);
    await waitUntil(() => mailsTo(moderator.email).find(news(later.title)), {
      timeoutMs: MAIL_WITHIN_MS,
      description: 'the later update',
    });
    await consumed('notification-campaigns');
    // The backer made two pledges on it: one mail. The erased guest gets none, nor does the holder.
    expect(mailsTo(backer.email).filter(news(update.title))).toHaveLength(1);
    expect(mailsTo(moderator.email).filter(news(update.title))).toHaveLength(1);
    expect(mailsTo(holder.email).filter(news(update.title))).toEqual([]);
    const { rows } = await database().query<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM ${notificationSchema()}.mails
       WHERE template = 'campaign_update' AND data->>'updateId' = $1 GROUP BY status ORDER BY status`,
      [update.updateId],
    );
    expect(rows).toEqual([
      { status: 'not_sent', n: '1' },
      { status: 'sent', n: '2' },
    ]);
  });

  it('asks for a new card when a collection is declined: the link for an account, the private link for a guest, once', async () => {
    const lastsMs = 8_000;
    const { campaignId: succeeds } = await liveCampaign(api, holder, moderator, {
      fundingModel: 'all_or_nothing',
      lastsMs,
      goal: 2_000,
    });
    const guestEmail = uniqueEmail('declined');
    const [byAccount, byGuest] = await Promise.all([
      pledgeOn(api, succeeds, pledgeBody({ amount: eur(1_500), tip: eur(0) }), backer),
      pledgeOn(api, succeeds, pledgeBody({ amount: eur(1_000), tip: eur(100), name: 'Lou', email: guestEmail })),
    ]);
    for (const placed of [byAccount, byGuest])
      expect(await confirmWithCard(stack.payments, placed, 'pm_card_chargeCustomerFail')).toBe('succeeded');
    const declined = (address: string) => mailsTo(address).filter((m) => m.subject.startsWith('Votre carte a été refusée'));

    const toAccount = await waitUntil(() => declined(backer.email)[0], {
      timeoutMs: lastsMs + 40_000,
      description: 'the declined collection to the account',
    });
    expect(toAccount.subject).toBe('Votre carte a été refusée : donnez-en une nouvelle');
    expect(plain(toAccount.text)).toMatch(
      /a atteint son objectif, mais votre banque a refusé le prélèvement de votre contribution le /,
    );
    expect(toAccount.text).toMatch(
      new RegExp(`Donner une nouvelle carte : http[^\\s]+/fr/pledges/${byAccount.pledge.pledgeId}\n`),
    );
    const toGuest = await waitUntil(() => declined(guestEmail)[0], {
      timeoutMs: MAIL_WITHIN_MS,
      description: 'the declined collection to the guest',
    });
    expect(toGuest.text).toContain('ouvrez le lien privé qui vous a été donné lors de votre contribution');
    expect(toGuest.text).not.toContain('/pledges/');
    expect(toGuest.text).not.toContain(byGuest.guestToken ?? 'no token');

    await publishAgain(
      pledgeCollectionDeclined,
      { template: 'collection_declined', key: 'pledgeId', value: byAccount.pledge.pledgeId },
      ({ campaignId: campaign, attempt, retryUntil, declinedAt }) => ({
        pledgeId: byAccount.pledge.pledgeId,
        campaignId: campaign,
        declineCode: 'card_declined',
        attempt,
        retryUntil,
        declinedAt,
      }),
    );
    await consumed('notification-pledges');
    await waitUntil(
      async () => {
        const { rows } = await database().query<{ pending: string }>(
          `SELECT count(*) AS pending FROM ${notificationSchema()}.mails WHERE status = 'pending'`,
        );
        return rows[0]?.pending === '0' ? true : undefined;
      },
      { timeoutMs: MAIL_WITHIN_MS, description: 'no mail left to send' },
    );
    expect(declined(backer.email)).toHaveLength(1);
    expect(declined(guestEmail)).toHaveLength(1);
  });

  it('writes to a contributor in the language of their checkout, and refuses a language Élan does not speak', async () => {
    const email = uniqueEmail('english');
    const refused = await api
      .post(`/api/campaigns/${campaignId}/pledges`)
      .send(pledgeBody({ amount: eur(700), tip: eur(0), name: 'Sam Hale', email, language: 'de' }));
    expectProblem(refused, 400, 'validation-failed');
    const placed = await pledgeOn(
      api,
      campaignId,
      pledgeBody({ amount: eur(700), tip: eur(50), name: 'Sam Hale', email, language: 'en' }),
    );
    expect(await confirmWithCard(stack.payments, placed)).toBe('succeeded');
    const receipt = await waitUntil(() => mailsTo(email)[0], { timeoutMs: MAIL_WITHIN_MS, description: 'the English receipt' });
    expect(receipt.subject).toMatch(/^Your pledge to “.+”$/);
    expect(receipt.text).toContain('Hello Sam Hale,');
    expect(receipt.text).toContain('Pledge to the project: €7.00\nTip to Élan: €0.50\nTotal paid: €7.50');
    expect(receipt.html).toContain('<html lang="en">');
    expect(mailsTo(email)).toHaveLength(1);
  });

  it('balances to the cent: Stripe kept every pledge and tip', async () => {
    const expected = 2_550 + 325 + 1_000 + 2_000 + 100 + 500 + 4_200 + 700 + 50;
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
