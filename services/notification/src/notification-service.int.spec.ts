import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, headers as natsHeaders, type NatsConnection } from 'nats';
import {
  campaignApproved,
  campaignLaunched,
  campaignRejected,
  campaignSucceeded,
  campaignUpdatePosted,
  getAccountRecipient,
  getPledgeRecipient,
  pledgeCollectionDeclined,
  pledgeCommitted,
  pledgeWithdrawn,
  statementPaid,
  type IntegrationEventContract,
  type MailRecipient,
  type PayloadOf,
  type RequestContract,
} from '@elan/contracts';
import { manualClock, uuidv7 } from '@elan/domain-kernel';
import { inTransaction } from '@elan/event-store';
import { startMailCatcher, type CaughtMail, type RunningMailCatcher } from '@elan/mail-catcher';
import { ELAN_STREAM, HEADER, RequestClient } from '@elan/messaging';
import type { RunningService } from '@elan/service-kit';
import {
  openTestSchema,
  spawnNatsServer,
  testDatabaseUrl,
  waitUntil,
  type SpawnedNatsServer,
  type TestSchema,
} from '@elan/testing';
import type { NotificationParts } from './app/notification.composition';
import { migrateNotificationSchema } from './app/notification.migrations';
import { NOTIFICATION_CAMPAIGNS_CONSUMER, NOTIFICATION_PLEDGES_CONSUMER } from './consumers/mail-events.handlers';
import { MailOutbox } from './mails/mail-outbox';
import { MailRecipients } from './mails/mail-recipients';
import { MailSender } from './mails/mail-sender';
import { MailWorker } from './workers/mail-worker';
import { startNotificationService } from './notification-service';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/**
 * The notification service in this process, with a PostgreSQL schema, a NATS server and a mail
 * catcher of this file's own: real SMTP, real JetStream, real inbox. The test plays the relays of
 * the pledge, campaign and payout services (it publishes their integration events with the
 * envelope a relay sets) and the owners of the addresses (it answers GetPledgeRecipient and
 * GetAccountRecipient by their contracts, over NATS) — their own sides are tested beside them.
 */
describe('the notification service', () => {
  let database: TestSchema;
  let nats: SpawnedNatsServer;
  let nc: NatsConnection;
  let catcher: RunningMailCatcher;
  let service: RunningService<NotificationParts>;
  /** What the owners answer, by pledge or account id; anything else is unknown. */
  const directory = new Map<string, MailRecipient>();

  /** Answers a recipient request as its owner would, in the packets of Nest's NATS transport. */
  const answerAsOwner = (contract: RequestContract, idOf: (request: Record<string, string>) => string) =>
    nc.subscribe(contract.subject, {
      callback: (error, message) => {
        if (error) return;
        const packet = JSON.parse(new TextDecoder().decode(message.data)) as { id: string; data: Record<string, string> };
        const response = contract.reply.parse(
          directory.get(idOf(contract.request.parse(packet.data) as Record<string, string>)) ?? { status: 'unknown' },
        );
        message.respond(new TextEncoder().encode(JSON.stringify({ id: packet.id, response, isDisposed: true })));
      },
    });

  beforeAll(async () => {
    database = await openTestSchema({ prefix: 'notification', poolSize: 2 });
    nats = await spawnNatsServer({
      storeDir: join(tmpdir(), `elan-${database.schema}`),
      keepData: false,
      startTimeoutMs: 15_000,
    });
    nc = await connect({ servers: nats.url });
    answerAsOwner(getPledgeRecipient, (request) => request.pledgeId ?? '');
    answerAsOwner(getAccountRecipient, (request) => request.accountId ?? '');
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    service = await startNotificationService(
      {
        databaseUrl: testDatabaseUrl(),
        natsUrl: nats.url,
        schema: database.schema,
        shutdownGraceMs: 0,
        smtpUrl: catcher.smtpUrl,
        mailFrom: 'Élan <no-reply@elan.test>',
        mailWorker: { intervalMs: 50, retryMs: 100, retryMaxMs: 1_000, maxAttempts: 3, baseUrl: 'https://elan.example' },
      },
      { logger: false },
    );
  });

  afterAll(async () => {
    await service?.close();
    await nc?.close();
    await catcher?.stop();
    await nats?.stop();
    await database?.dispose();
  });

  const published: Array<{ subject: string; data: string; headers: ReturnType<typeof natsHeaders> }> = [];
  /** An integration event as its relay publishes it: the envelope headers, the event id as message id. */
  const publish = async <C extends IntegrationEventContract>(
    contract: C,
    payload: PayloadOf<C>,
    stream: { id: string; position: number; previous: number },
  ) => {
    const eventId = uuidv7();
    const h = natsHeaders();
    h.set(HEADER.eventId, eventId);
    h.set(HEADER.eventType, contract.type);
    h.set(HEADER.schemaVersion, String(contract.version));
    h.set(HEADER.streamId, stream.id);
    h.set(HEADER.streamPosition, String(stream.position));
    h.set(HEADER.previousPosition, String(stream.previous));
    h.set(HEADER.occurredAt, new Date().toISOString());
    const message = { subject: contract.subject, data: JSON.stringify(payload), headers: h };
    published.push(message);
    await nc.jetstream().publish(message.subject, message.data, { headers: h, msgID: eventId });
    return { eventId, message };
  };

  const mailsTo = (address: string): CaughtMail[] => catcher.mails().filter((m) => m.to.includes(address));
  const oneMailTo = (address: string) =>
    waitUntil(() => mailsTo(address)[0], { timeoutMs: 15_000, description: `a mail to ${address} in the catcher` });
  const statusOf = async (eventId: string) =>
    (
      await database.pool.query<{ status: string; n: string }>(
        `SELECT min(status) AS status, count(*) AS n FROM ${database.schema}.mails WHERE event_id = $1`,
        [eventId],
      )
    ).rows[0];
  /** Every message published so far handled and acknowledged by one of the service's consumers. */
  const consumedBy = (durable: string) => async () => {
    const info = await (await nc.jetstreamManager()).consumers.info(ELAN_STREAM, durable);
    return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
  };
  const pledgesConsumed = consumedBy(NOTIFICATION_PLEDGES_CONSUMER);
  const campaignsConsumed = consumedBy(NOTIFICATION_CAMPAIGNS_CONSUMER);
  /** Publishes a message again as a relay would past JetStream's duplicate window (another message id). */
  const republish = (message: (typeof published)[number]) =>
    nc.jetstream().publish(message.subject, message.data, { headers: message.headers, msgID: randomUUID() });
  const rowsOf = async (eventId: string) =>
    (
      await database.pool.query<{ recipient: string; status: string }>(
        `SELECT recipient, status FROM ${database.schema}.mails WHERE event_id = $1 ORDER BY recipient`,
        [eventId],
      )
    ).rows;

  const committed = (pledgeId: string, campaignId: string): PayloadOf<typeof pledgeCommitted> => ({
    pledgeId,
    campaignId,
    fundingModel: 'keep_it_all',
    amount: eur(2_501),
    tip: { amount: eur(299), tipId: pledgeId },
    contributorRef: uuidv7(),
    charged: true,
    paymentIntentId: 'pi_notification_test',
    committedAt: '2026-03-14T09:30:00Z',
  });

  it('sends one pledge receipt, pledge and tip on separate lines, and still one when the event is delivered again', async () => {
    const pledgeId = uuidv7();
    directory.set(pledgeId, { status: 'found', email: 'camille@example.org', name: 'Camille', language: 'fr' });
    const { eventId, message } = await publish(pledgeCommitted, committed(pledgeId, uuidv7()), {
      id: `pledge-${pledgeId}`,
      position: 3,
      previous: 0,
    });

    const mail = await oneMailTo('camille@example.org');
    expect(mail.subject).toBe('Votre contribution à une campagne Élan');
    expect(plain(mail.text)).toContain('Contribution au projet : 25,01 €\nPourboire à Élan : 2,99 €\nTotal payé : 28,00 €');
    expect(plain(mail.html ?? '')).toMatch(/Pourboire à Élan<\/td><td[^>]*><strong>2,99 €<\/strong>/);
    expect(mail.from).toBe('"Élan" <no-reply@elan.test>');
    expect(await statusOf(eventId)).toEqual({ status: 'sent', n: '1' });
    const [row] = (
      await database.pool.query<{ mail_id: string }>(`SELECT mail_id FROM ${database.schema}.mails WHERE event_id = $1`, [
        eventId,
      ])
    ).rows;
    expect(mail.messageId).toBe(`<${row?.mail_id}@notification.elan>`);

    // The relay publishes it again past JetStream's duplicate window (another message id).
    await nc.jetstream().publish(message.subject, message.data, { headers: message.headers, msgID: randomUUID() });
    await waitUntil(pledgesConsumed, { timeoutMs: 15_000, description: 'the redelivery consumed' });
    await service.parts.mailWorker.round();
    expect(mailsTo('camille@example.org')).toHaveLength(1);
    expect(await statusOf(eventId)).toEqual({ status: 'sent', n: '1' });
  });

  it('records a mail once per event, template and recipient, whatever the inbox let through', async () => {
    const eventId = uuidv7();
    const mail = {
      eventId,
      template: 'statement_paid' as const,
      recipient: `account:${uuidv7()}`,
      data: { statementId: uuidv7(), campaignId: uuidv7(), amount: eur(100), paidAt: '2026-05-02T10:00:00Z' },
    };
    await inTransaction(database.pool, async (client) => {
      await service.parts.outbox.record(client, mail, new Date('2100-01-01T00:00:00Z'));
      await service.parts.outbox.record(client, mail, new Date('2100-01-01T00:00:00Z'));
    });
    expect(await statusOf(eventId)).toEqual({ status: 'pending', n: '1' });
  });

  it('writes to nobody erased: the mail is recorded as not sent, and the catcher gets nothing', async () => {
    const pledgeId = uuidv7();
    directory.set(pledgeId, { status: 'erased' });
    const before = catcher.mails().length;
    const { eventId } = await publish(pledgeCommitted, committed(pledgeId, uuidv7()), {
      id: `pledge-${pledgeId}`,
      position: 3,
      previous: 0,
    });
    await waitUntil(async () => ((await statusOf(eventId))?.status === 'not_sent' ? true : undefined), {
      timeoutMs: 15_000,
      description: 'the receipt of an erased contributor settled',
    });
    const [row] = (
      await database.pool.query<{ last_error: string }>(`SELECT last_error FROM ${database.schema}.mails WHERE event_id = $1`, [
        eventId,
      ])
    ).rows;
    expect(row?.last_error).toBe('erased');
    expect(catcher.mails()).toHaveLength(before);
  });

  it('tells the holder the campaign’s outcome and the statement paid, in the language the owner answers', async () => {
    const campaignId = uuidv7();
    const holderId = uuidv7();
    directory.set(holderId, { status: 'found', email: 'holder@example.org', name: null, language: 'en' });
    const stream = `campaign-${campaignId}`;
    await publish(
      campaignLaunched,
      {
        campaignId,
        holderId,
        title: 'Un moulin à Lodève',
        fundingModel: 'all_or_nothing',
        goal: eur(1_000_000),
        startsAt: '2026-03-01T08:00:00Z',
        deadline: '2026-04-15T20:00:00Z',
        departement: '34',
      },
      { id: stream, position: 4, previous: 0 },
    );
    await publish(
      campaignSucceeded,
      { campaignId, closedAt: '2026-04-15T20:00:00Z', committedTotal: eur(1_234_567), backers: 87 },
      { id: stream, position: 9, previous: 4 },
    );
    const outcome = await oneMailTo('holder@example.org');
    expect(outcome.subject).toBe('“Un moulin à Lodève” reached its goal');
    expect(outcome.text).toContain('Total pledged (tips excluded): €12,345.67\nBackers: 87');

    const statementId = uuidv7();
    await publish(
      statementPaid,
      {
        statementId,
        campaignId,
        holderId,
        amount: eur(1_200_000),
        transferId: 'tr_notification_test',
        paidAt: '2026-05-02T10:00:00Z',
      },
      { id: `payout-${statementId}`, position: 5, previous: 0 },
    );
    const paid = await waitUntil(() => mailsTo('holder@example.org')[1], {
      timeoutMs: 15_000,
      description: 'the statement paid mail',
    });
    expect(paid.subject).toBe('Your payout of €12,000.00 is on its way');
    expect(paid.text).toContain('for “Un moulin à Lodève”');
    expect(mailsTo('holder@example.org')).toHaveLength(2);
  });

  // Issue #12 part 2: a declined collection, updates to backers, moderation decisions.

  const aonCommitted = (pledgeId: string, campaignId: string, contributorRef: string): PayloadOf<typeof pledgeCommitted> => ({
    ...committed(pledgeId, campaignId),
    fundingModel: 'all_or_nothing',
    contributorRef,
    charged: false,
    paymentIntentId: undefined,
  });
  const guestRef = () => `guest:${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '')}`;
  const subjectOf = (address: string, subject: RegExp) =>
    waitUntil(() => mailsTo(address).find((m) => subject.test(m.subject)), {
      timeoutMs: 15_000,
      description: `a mail "${subject.source}" to ${address}`,
    });

  it('asks a contributor whose collection was declined for a new card: a link for an account, the private link for a guest, once', async () => {
    const campaignId = uuidv7();
    const [account, guest] = [uuidv7(), uuidv7()];
    directory.set(account, { status: 'found', email: 'declined-account@example.org', name: 'Jo', language: 'en' });
    directory.set(guest, { status: 'found', email: 'declined-guest@example.org', name: null, language: 'fr' });
    await publish(pledgeCommitted, aonCommitted(account, campaignId, uuidv7()), {
      id: `pledge-${account}`,
      position: 3,
      previous: 0,
    });
    await publish(pledgeCommitted, aonCommitted(guest, campaignId, guestRef()), {
      id: `pledge-${guest}`,
      position: 3,
      previous: 0,
    });
    const declined = (pledgeId: string): PayloadOf<typeof pledgeCollectionDeclined> => ({
      pledgeId,
      campaignId,
      declineCode: 'insufficient_funds',
      attempt: 1,
      retryUntil: '2026-04-22T20:00:00Z',
      declinedAt: '2026-04-15T20:00:03Z',
    });
    const { eventId, message } = await publish(pledgeCollectionDeclined, declined(account), {
      id: `pledge-${account}`,
      position: 6,
      previous: 3,
    });
    await publish(pledgeCollectionDeclined, declined(guest), { id: `pledge-${guest}`, position: 6, previous: 3 });

    const toAccount = await subjectOf('declined-account@example.org', /declined/);
    expect(toAccount.subject).toBe('Your card was declined: please give a new one');
    expect(plain(toAccount.text)).toContain(`Give a new card: https://elan.example/en/pledges/${account}`);
    expect(toAccount.html).toContain(`href="https://elan.example/en/pledges/${account}"`);
    const toGuest = await subjectOf('declined-guest@example.org', /refusée/);
    expect(toGuest.text).toContain('ouvrez le lien privé qui vous a été donné lors de votre contribution');
    expect(toGuest.text).not.toContain('/pledges/');

    await republish(message);
    await waitUntil(pledgesConsumed, { timeoutMs: 15_000, description: 'the redelivery consumed' });
    await service.parts.mailWorker.round();
    expect(mailsTo('declined-account@example.org').filter((m) => /declined/.test(m.subject))).toHaveLength(1);
    expect(await rowsOf(eventId)).toEqual([{ recipient: `pledge:${account}`, status: 'sent' }]);
  });

  it('sends an update to each pledge that still counts on the campaign, once, and none to a withdrawn one', async () => {
    const campaignId = uuidv7();
    await publish(
      campaignLaunched,
      {
        campaignId,
        holderId: uuidv7(),
        title: 'Une forge à Die',
        fundingModel: 'keep_it_all',
        goal: eur(500_000),
        startsAt: '2026-03-01T08:00:00Z',
        deadline: '2026-04-15T20:00:00Z',
        departement: '26',
      },
      { id: `campaign-${campaignId}`, position: 4, previous: 0 },
    );
    const [first, again, second, gone, elsewhere] = [uuidv7(), uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const address = (pledgeId: string) => `backer-${(pledgeId === again ? first : pledgeId).slice(-12)}@example.org`;
    for (const pledgeId of [first, again, second, gone, elsewhere])
      directory.set(pledgeId, { status: 'found', email: address(pledgeId), name: null, language: 'fr' });
    // Two pledges of one contributor make one backer, written to once.
    const firstContributor = uuidv7();
    await publish(
      pledgeCommitted,
      { ...committed(first, campaignId), contributorRef: firstContributor },
      { id: `pledge-${first}`, position: 3, previous: 0 },
    );
    await publish(
      pledgeCommitted,
      { ...committed(again, campaignId), contributorRef: firstContributor, committedAt: '2026-03-16T09:30:00Z' },
      { id: `pledge-${again}`, position: 3, previous: 0 },
    );
    await publish(pledgeCommitted, aonCommitted(second, campaignId, guestRef()), {
      id: `pledge-${second}`,
      position: 3,
      previous: 0,
    });
    await publish(pledgeCommitted, committed(gone, campaignId), { id: `pledge-${gone}`, position: 3, previous: 0 });
    await publish(pledgeCommitted, committed(elsewhere, uuidv7()), { id: `pledge-${elsewhere}`, position: 3, previous: 0 });
    await publish(
      pledgeWithdrawn,
      {
        pledgeId: gone,
        campaignId,
        reason: 'refunded',
        amount: eur(2_501),
        tip: { amount: eur(299), tipId: gone },
        charged: true,
        paymentIntentId: 'pi_notification_test',
        withdrawnAt: '2026-03-15T09:30:00Z',
      },
      { id: `pledge-${gone}`, position: 7, previous: 3 },
    );
    // The directory is the pledges consumer's: the update comes once it holds them (on a bus, a later event).
    await waitUntil(pledgesConsumed, { timeoutMs: 15_000, description: 'the pledges consumed' });

    const { eventId, message } = await publish(
      campaignUpdatePosted,
      {
        campaignId,
        updateId: uuidv7(),
        title: 'Le soufflet est arrivé',
        body: 'Premier feu samedi.\n\nVenez nombreux.',
        postedAt: '2026-03-20T10:00:00Z',
      },
      { id: `campaign-${campaignId}`, position: 8, previous: 4 },
    );
    for (const pledgeId of [first, second]) {
      const mail = await subjectOf(address(pledgeId), /^Nouvelles de/);
      expect(mail.subject).toBe('Nouvelles de « Une forge à Die » : Le soufflet est arrivé');
      expect(mail.text).toContain('Le soufflet est arrivé\n\nPremier feu samedi.\n\nVenez nombreux.');
    }
    await republish(message);
    await waitUntil(campaignsConsumed, { timeoutMs: 15_000, description: 'the redelivery consumed' });
    await service.parts.mailWorker.round();
    expect(await rowsOf(eventId)).toEqual(
      [first, second]
        .map((id) => ({ recipient: `pledge:${id}`, status: 'sent' }))
        .sort((a, b) => a.recipient.localeCompare(b.recipient)),
    );
    for (const pledgeId of [first, second])
      expect(mailsTo(address(pledgeId)).filter((m) => /^Nouvelles/.test(m.subject))).toHaveLength(1);
    expect(mailsTo(address(gone)).filter((m) => /^Nouvelles/.test(m.subject))).toEqual([]);
    expect(mailsTo(address(elsewhere)).filter((m) => /^Nouvelles/.test(m.subject))).toEqual([]);
  });

  it('tells the holder moderation’s decisions: approved with its dates, rejected with the reason', async () => {
    const campaignId = uuidv7();
    const holderId = uuidv7();
    directory.set(holderId, { status: 'found', email: 'moderated@example.org', name: 'Paulu', language: 'fr' });
    const stream = { id: `campaign-${campaignId}`, position: 3, previous: 0 };
    const { eventId, message } = await publish(
      campaignRejected,
      { campaignId, holderId, title: 'Une chapelle à Corte', reason: 'Précisez le budget.', rejectedAt: '2026-02-18T10:00:00Z' },
      stream,
    );
    const rejection = await subjectOf('moderated@example.org', /changements/);
    expect(rejection.subject).toBe('« Une chapelle à Corte » : des changements sont demandés');
    expect(rejection.text).toContain('Voici pourquoi :\n\nPrécisez le budget.');
    await publish(
      campaignApproved,
      {
        campaignId,
        holderId,
        title: 'Une chapelle à Corte',
        startsAt: '2026-03-01T08:00:00Z',
        deadline: '2026-04-15T20:00:00Z',
        approvedAt: '2026-02-20T10:00:00Z',
      },
      { ...stream, position: 6, previous: 3 },
    );
    const approval = await subjectOf('moderated@example.org', /approuvée/);
    expect(approval.subject).toBe('« Une chapelle à Corte » est approuvée');
    expect(plain(approval.text)).toContain('Bonjour Paulu,');

    await republish(message);
    await waitUntil(campaignsConsumed, { timeoutMs: 15_000, description: 'the redelivery consumed' });
    await service.parts.mailWorker.round();
    expect(mailsTo('moderated@example.org')).toHaveLength(2);
    expect(await rowsOf(eventId)).toEqual([{ recipient: `account:${holderId}`, status: 'sent' }]);
  });

  it('retries a mail the SMTP server did not take, keeping no address in its error, and gives up after the last attempt', async () => {
    // A worker of the test's own on a schema of its own, so the service's worker never takes these mails.
    const schema = await database.addSchema('notif_retry');
    await migrateNotificationSchema(database.pool, schema);
    const outbox = new MailOutbox(database.pool, schema);
    const clock = manualClock(new Date('2026-03-14T10:00:00Z'));
    const recipients = new MailRecipients(new RequestClient({ connection: () => nc, timeoutMs: 5_000 }));
    const settings = { intervalMs: 1_000, retryMs: 60_000, retryMaxMs: 600_000, maxAttempts: 2, baseUrl: 'https://elan.example' };
    // Nothing listens on port 1 of the loopback: the connection is refused.
    const down = new MailSender('smtp://127.0.0.1:1', 'Élan <no-reply@elan.test>');
    const up = new MailSender(catcher.smtpUrl, 'Élan <no-reply@elan.test>');
    const workerDown = new MailWorker(outbox, recipients, down, clock, settings);
    const workerUp = new MailWorker(outbox, recipients, up, clock, settings);
    try {
      const pledgeId = uuidv7();
      const address = `retry-${pledgeId.slice(-8)}@example.org`;
      directory.set(pledgeId, { status: 'found', email: address, name: null, language: 'en' });
      const mail = (eventId: string) => ({
        eventId,
        template: 'pledge_receipt' as const,
        recipient: `pledge:${pledgeId}`,
        data: { ...committed(pledgeId, uuidv7()), tip: eur(0) },
      });
      const rowOf = async (eventId: string) =>
        (
          await database.pool.query<{ status: string; attempts: number; last_error: string | null; next_attempt_at: Date }>(
            `SELECT status, attempts, last_error, next_attempt_at FROM ${schema}.mails WHERE event_id = $1`,
            [eventId],
          )
        ).rows[0];
      const first = uuidv7();
      await inTransaction(database.pool, (client) => outbox.record(client, mail(first), clock.now()));

      expect(await workerDown.round()).toBe(1);
      const failed = await rowOf(first);
      expect(failed).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: new Date('2026-03-14T10:01:00Z') });
      expect(failed?.last_error).toMatch(/^SMTP: /);
      expect(failed?.last_error).not.toContain(address);
      expect(await workerUp.round()).toBe(0);

      clock.advance(60_000);
      expect(await workerUp.round()).toBe(1);
      expect(await rowOf(first)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
      expect(mailsTo(address)).toHaveLength(1);

      const second = uuidv7();
      await inTransaction(database.pool, (client) => outbox.record(client, mail(second), clock.now()));
      expect(await workerDown.round()).toBe(1);
      clock.advance(60_000);
      expect(await workerDown.round()).toBe(1);
      expect(await rowOf(second)).toMatchObject({ status: 'failed', attempts: 2 });
      clock.advance(600_000);
      expect(await workerUp.round()).toBe(0);
      expect(mailsTo(address)).toHaveLength(1);
    } finally {
      down.close();
      up.close();
    }
  });
});
