import { eur, manualClock, uuidv7 } from '@elan/domain-kernel';
import { PostgresEventStore } from '@elan/event-store';
import { PersonalDataVault, PostgresKeyStore } from '@elan/personal-data';
import { openTestSchema, type TestSchema } from '@elan/testing';
import { sealDetails } from '../application/contributor-details';
import { PledgeApplication } from '../application/pledge-application';
import { createPledgeDecider } from '../pledge';
import { NOW, liveCampaign } from '../pledge/pledge.fixtures';
import { migratePledgeSchema } from './pledge.migrations';
import { PledgeRecipients } from './pledge-recipients';

/** Where a pledge's mail goes (ADR 0031), against real PostgreSQL: opened for an account and a guest, nobody once erased. */
describe('the recipient of a pledge', () => {
  let db: TestSchema;
  let store: PostgresEventStore;
  let vault: PersonalDataVault;
  let pledges: PledgeApplication;
  let recipients: PledgeRecipients;

  beforeAll(async () => {
    db = await openTestSchema({ prefix: 'pledge_rcpt' });
    await migratePledgeSchema(db.pool, db.schema);
    store = await PostgresEventStore.open(db.pool, { schema: db.schema });
    db.onDispose(() => store.close());
    const clock = manualClock(NOW);
    vault = new PersonalDataVault(new PostgresKeyStore(db.pool, { schema: db.schema, clock, cacheTtlMs: 0 }));
    pledges = new PledgeApplication(store, createPledgeDecider(), clock);
    recipients = new PledgeRecipients(db.pool, db.schema, vault, store);
  });
  afterAll(() => db.dispose());

  const place = async (
    contributor: { kind: 'account'; accountId: string } | { kind: 'guest'; guestTokenHash: string },
    name?: string,
    language?: 'fr' | 'en',
  ) => {
    const pledgeId = uuidv7();
    const subject = contributor.kind === 'account' ? contributor.accountId : pledgeId;
    const details = await sealDetails(vault, subject, {
      ...(name !== undefined && { name }),
      email: `${subject.slice(-8)}@example.org`,
      showName: false,
    });
    await pledges.execute({
      type: 'PlacePledge',
      data: {
        pledgeId,
        campaign: liveCampaign({ fundingModel: 'keep_it_all' }),
        amount: eur(2_500),
        tip: { amount: eur(300), tipId: pledgeId },
        contributor,
        details,
        ...(language && { language }),
      },
      metadata:
        contributor.kind === 'account'
          ? { actor: contributor.accountId, roles: ['contributor'] }
          : { actor: 'guest', roles: [], guestTokenHash: contributor.guestTokenHash },
    });
    return { pledgeId, subject };
  };

  it('opens an account’s address, without a name when none was given, in French until a language is recorded; nobody once erased', async () => {
    const { pledgeId, subject } = await place({ kind: 'account', accountId: uuidv7() });
    expect(await recipients.of(pledgeId)).toEqual({
      status: 'found',
      email: `${subject.slice(-8)}@example.org`,
      name: null,
      language: 'fr',
    });
    await vault.erase(subject);
    expect(await recipients.of(pledgeId)).toEqual({ status: 'erased' });
  });

  it('opens a guest’s address and name under the pledge’s own key', async () => {
    const { pledgeId, subject } = await place({ kind: 'guest', guestTokenHash: 'a'.repeat(64) }, 'Léa Martin');
    expect(await recipients.of(pledgeId)).toEqual({
      status: 'found',
      email: `${subject.slice(-8)}@example.org`,
      name: 'Léa Martin',
      language: 'fr',
    });
  });

  // Notifications (issue #12 part 2): the checkout's language.
  it('answers in the language the checkout recorded, account or guest', async () => {
    const account = await place({ kind: 'account', accountId: uuidv7() }, undefined, 'en');
    expect(await recipients.of(account.pledgeId)).toMatchObject({ status: 'found', language: 'en' });
    const guest = await place({ kind: 'guest', guestTokenHash: 'b'.repeat(64) }, 'Sam Hale', 'en');
    expect(await recipients.of(guest.pledgeId)).toMatchObject({ status: 'found', name: 'Sam Hale', language: 'en' });
    const french = await place({ kind: 'guest', guestTokenHash: 'c'.repeat(64) }, 'Léa Martin', 'fr');
    expect(await recipients.of(french.pledgeId)).toMatchObject({ status: 'found', language: 'fr' });
  });

  it('knows nobody for a pledge it never had', async () => {
    expect(await recipients.of(uuidv7())).toEqual({ status: 'unknown' });
  });
});
