import { eur, IllegalStateError, manualClock, NotFoundError, uuidv7, type ManualClock } from '@elan/domain-kernel';
import { PostgresEventStore } from '@elan/event-store';
import { PersonalDataVault, PostgresKeyStore, SubjectErasedError, findInSchema } from '@elan/personal-data';
import { findPledgeRow, pledgeViewOf } from '../read-models/pledge-view';
import { openTestSchema, type TestSchema } from '@elan/testing';
import { sealDetails } from '../application/contributor-details';
import { PledgeApplication } from '../application/pledge-application';
import { createPledgeDecider, type FundingModel } from '../pledge';
import { AFTER_DEADLINE, DEADLINE, NOW, liveCampaign } from '../pledge/pledge.fixtures';
import { migratePledgeSchema } from './pledge.migrations';
import { PersonalData } from './personal-data';

const ALICE = {
  accountId: uuidv7(),
  name: 'Aurélie Vasseur-Quintin',
  email: 'aurelie.vasseur@example.org',
  message: 'Pour le moulin de Lodève, de tout cœur',
};
const BRUNO = {
  accountId: uuidv7(),
  name: 'Bruno Castagnède',
  email: 'bruno.c@example.net',
  message: 'Courage à toute l’équipe',
};
type Person = typeof ALICE;

/**
 * The pledge service's side of erasure against real PostgreSQL: the pledge application, the
 * vault and the pledge view as the service composes them, pledges driven through their commands.
 */
describe('personal data in the pledge service: export and erasure', () => {
  let db: TestSchema;
  let store: PostgresEventStore;
  let clock: ManualClock;
  let pledges: PledgeApplication;
  let keys: PostgresKeyStore;
  let personalData: PersonalData;

  beforeAll(async () => {
    db = await openTestSchema({ prefix: 'pledge_pd' });
    await migratePledgeSchema(db.pool, db.schema);
    store = await PostgresEventStore.open(db.pool, { schema: db.schema });
    db.onDispose(() => store.close());
  });
  afterAll(() => db.dispose());

  beforeEach(() => {
    clock = manualClock(NOW);
    pledges = new PledgeApplication(store, createPledgeDecider(), clock);
    // No cache: every read sees the key table as it is, as a second replica would after 30 s.
    keys = new PostgresKeyStore(db.pool, { schema: db.schema, clock, cacheTtlMs: 0 });
    // No Stripe here: the Stripe customers' deletion is tested end to end (e2e/personal-data).
    personalData = new PersonalData(store, pledges, new PersonalDataVault(keys), undefined);
  });

  /** A pledge of `person` taken to `until`: placed, awaiting its payment, or committed (Stripe confirmed). */
  const pledge = async (person: Person, fundingModel: FundingModel, until: 'placed' | 'awaiting' | 'committed') => {
    const pledgeId = uuidv7();
    const vault = new PersonalDataVault(keys);
    const details = await sealDetails(vault, person.accountId, { ...person, showName: true });
    const actor = { actor: person.accountId, roles: ['contributor'] };
    await pledges.execute({
      type: 'PlacePledge',
      data: {
        pledgeId,
        campaign: liveCampaign({ fundingModel }),
        amount: eur(2_500),
        tip: { amount: eur(300), tipId: uuidv7() },
        contributor: { kind: 'account', accountId: person.accountId },
        details,
      },
      metadata: actor,
    });
    if (until === 'placed') return pledgeId;
    const intentId = `${fundingModel === 'keep_it_all' ? 'pi' : 'seti'}_${pledgeId.slice(-12)}`;
    await pledges.execute({ type: 'RequestPayment', data: { pledgeId, intentId }, metadata: {} });
    if (until === 'committed')
      await pledges.execute({
        type: 'ConfirmPayment',
        data: { pledgeId, intentId, confirmedAt: NOW.toISOString() },
        metadata: {},
      });
    return pledgeId;
  };

  const statusOf = async (pledgeId: string) => (await pledges.load(pledgeId)).status;
  const plaintextOf = (person: Person) => [person.name, person.email, person.message];

  it('exports every pledge of the account, unfinished ones included, its personal data opened', async () => {
    const person = { ...ALICE, accountId: uuidv7() };
    const placed = await pledge(person, 'keep_it_all', 'placed');
    const committed = await pledge(person, 'all_or_nothing', 'committed');

    const exported = await personalData.exportOf(person.accountId);

    expect(exported.erasedAt).toBeNull();
    expect(exported.pledges.map((p) => [p.pledgeId, p.status])).toEqual([
      [placed, 'placed'],
      [committed, 'committed'],
    ]);
    expect(exported.pledges[0]).toMatchObject({
      amount: eur(2_500),
      tip: eur(300),
      contributor: { kind: 'account', name: person.name, email: person.email },
      message: person.message,
    });
  });

  it('ends what could still be charged, deletes the key, keeps amounts, statuses and the hash chain, and leaves no plaintext', async () => {
    const paid = await pledge(ALICE, 'keep_it_all', 'committed');
    const awaiting = await pledge(ALICE, 'keep_it_all', 'awaiting');
    const allOrNothing = await pledge(ALICE, 'all_or_nothing', 'committed');
    const brunos = await pledge(BRUNO, 'keep_it_all', 'committed');
    const key = (await keys.currentKey(ALICE.accountId)).key;
    // The search finds what is there: the key, before it is erased (the plaintext never was).
    expect(await findInSchema(db.pool, db.schema, [key])).toEqual([expect.objectContaining({ table: 'personal_data_keys' })]);

    const outcome = await personalData.erase(ALICE.accountId);

    expect(outcome).toEqual({ erasedAt: NOW, abandoned: [awaiting], cancelled: [allOrNothing], kept: [paid] });
    expect(await statusOf(paid)).toBe('committed');
    expect(await statusOf(awaiting)).toBe('abandoned');
    expect(await statusOf(allOrNothing)).toBe('cancelled');
    const exported = await personalData.exportOf(ALICE.accountId);
    expect(exported.erasedAt).toBe(NOW.toISOString());
    for (const view of exported.pledges)
      expect(view).toMatchObject({
        amount: eur(2_500),
        tip: eur(300),
        contributor: { name: 'erased', email: 'erased' },
        message: 'erased',
      });
    // Someone else's pledge still reads.
    expect((await personalData.exportOf(BRUNO.accountId)).pledges[0]).toMatchObject({ pledgeId: brunos, message: BRUNO.message });

    expect(await store.verify()).toMatchObject({ ok: true });
    expect(await findInSchema(db.pool, db.schema, [...plaintextOf(ALICE), key])).toEqual([]);
    const { rows } = await db.pool.query(`SELECT 1 FROM ${db.schema}.personal_data_keys WHERE subject_id = $1`, [
      ALICE.accountId,
    ]);
    expect(rows).toEqual([]);
    // And an erased person cannot be given a new key by a pledge arriving late.
    await expect(pledge(ALICE, 'keep_it_all', 'placed')).rejects.toBeInstanceOf(SubjectErasedError);
  });

  it('answers the same when asked again (a crash, a lost reply), recording nothing more', async () => {
    const person = { ...ALICE, accountId: uuidv7() };
    await pledge(person, 'keep_it_all', 'awaiting');
    const first = await personalData.erase(person.accountId);
    const events = (await store.verify()).eventsChecked;
    clock.advance(60_000);

    const again = await personalData.erase(person.accountId);

    expect(again.erasedAt).toEqual(first.erasedAt);
    expect(again.abandoned).toEqual([]);
    expect(again.kept).toEqual(first.abandoned);
    expect((await store.verify()).eventsChecked).toBe(events);
  });

  it('refuses, changing nothing, while an all-or-nothing pledge may still be charged; a declined collection does not block', async () => {
    const person = { ...BRUNO, accountId: uuidv7() };
    const allOrNothing = await pledge(person, 'all_or_nothing', 'committed');
    const awaiting = await pledge(person, 'keep_it_all', 'awaiting');
    clock.advance(AFTER_DEADLINE.getTime() - NOW.getTime());
    expect(Date.parse(DEADLINE)).toBeLessThan(clock.now().getTime());

    const refused = personalData.erase(person.accountId);
    await expect(refused).rejects.toBeInstanceOf(IllegalStateError);
    await expect(refused).rejects.toMatchObject({ details: { pledgeIds: [allOrNothing] } });
    expect(await statusOf(awaiting)).toBe('awaiting_payment');
    expect((await personalData.exportOf(person.accountId)).pledges[0]?.contributor.name).toBe(person.name);

    await pledges.execute({ type: 'RequestCollection', data: { pledgeId: allOrNothing }, metadata: {} });
    await expect(personalData.erase(person.accountId)).rejects.toBeInstanceOf(IllegalStateError);

    await pledges.execute({
      type: 'RecordCollectionDecline',
      data: { pledgeId: allOrNothing, declineCode: 'insufficient_funds' },
      metadata: {},
    });
    const outcome = await personalData.erase(person.accountId);
    expect(outcome).toMatchObject({ abandoned: [awaiting], kept: [allOrNothing] });
    expect(await findInSchema(db.pool, db.schema, plaintextOf(person))).toEqual([]);
  });

  it('erases a guest’s pledge, whose key is the pledge’s own, for the holder of its link’s token only', async () => {
    const pledgeId = uuidv7();
    const guestTokenHash = 'a'.repeat(64);
    const guest = {
      name: 'Camille Ortolan-Bessière',
      email: 'camille.ortolan@example.org',
      message: 'Pour les ruches du Larzac',
    };
    const vault = new PersonalDataVault(keys);
    await pledges.execute({
      type: 'PlacePledge',
      data: {
        pledgeId,
        campaign: liveCampaign({ fundingModel: 'all_or_nothing' }),
        amount: eur(4_000),
        tip: { amount: eur(0) },
        contributor: { kind: 'guest', guestTokenHash },
        details: await sealDetails(vault, pledgeId, { ...guest, showName: false }),
      },
      metadata: { actor: 'guest', roles: [], guestTokenHash },
    });
    await pledges.execute({ type: 'RequestPayment', data: { pledgeId, intentId: 'seti_guest' }, metadata: {} });
    await pledges.execute({
      type: 'ConfirmPayment',
      data: { pledgeId, intentId: 'seti_guest', confirmedAt: NOW.toISOString() },
      metadata: {},
    });

    await expect(personalData.eraseGuest(pledgeId, 'b'.repeat(64))).rejects.toBeInstanceOf(NotFoundError);
    expect(await statusOf(pledgeId)).toBe('committed');
    const outcome = await personalData.eraseGuest(pledgeId, guestTokenHash);

    expect(outcome).toMatchObject({ abandoned: [], cancelled: [pledgeId], kept: [] });
    const row = await findPledgeRow(db.pool, db.schema, pledgeId);
    if (!row) throw new Error('the pledge has no row');
    expect(await pledgeViewOf(row, vault)).toMatchObject({
      status: 'cancelled',
      amount: eur(4_000),
      contributor: { kind: 'guest', name: 'erased', email: 'erased' },
      message: 'erased',
    });
    expect(await findInSchema(db.pool, db.schema, [guest.name, guest.email, guest.message])).toEqual([]);
    expect(await store.verify()).toMatchObject({ ok: true });
  });
});
