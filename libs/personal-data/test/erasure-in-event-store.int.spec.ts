import { PostgresEventStore, runMigrations } from '@elan/event-store';
import { openTestSchema, type TestSchema } from '@elan/testing';
import {
  ERASED,
  PersonalDataVault,
  PostgresKeyStore,
  SealedTextRejectedError,
  findInSchema,
  formatSealedText,
  parseSealedText,
  personalDataMigrations,
  shownAs,
  type SealedText,
} from '../src';

/** A pledge as the pledge service will write it: ids and amounts in clear, personal fields sealed. */
interface PledgeMade {
  readonly pledgeId: string;
  readonly contributorId: string;
  readonly amount: { readonly amount: number; readonly currency: 'EUR' };
  readonly tip: { readonly amount: number; readonly currency: 'EUR' };
  readonly name: SealedText;
  readonly email: SealedText;
  readonly message: SealedText;
}

const CAMILLE = {
  id: 'guest-0193a1b2',
  name: 'Camille Dupré',
  email: 'camille.dupre@example.org',
  message: 'Allez le fournil de Saint-Affrique !',
};
const DOMINIQUE = { id: 'account-0193a1c4', name: 'Dominique Arnaud', email: 'dominique@example.net', message: 'Bon courage' };
type Person = typeof CAMILLE;

describe('personal data in an append-only, hash-chained log', () => {
  let db: TestSchema;
  let store: PostgresEventStore;
  let keys: PostgresKeyStore;
  let vault: PersonalDataVault;

  beforeAll(async () => {
    db = await openTestSchema({ prefix: 'pdata' });
    store = await PostgresEventStore.open(db.pool, { schema: db.schema });
    db.onDispose(() => store.close());
    await runMigrations(db.pool, db.schema, [personalDataMigrations]);
    keys = new PostgresKeyStore(db.pool, { schema: db.schema });
    vault = new PersonalDataVault(keys);
  });
  afterAll(() => db.dispose());

  const pledge = async (person: Person, pledgeId: string, amount: number, tip: number): Promise<PledgeMade> => ({
    pledgeId,
    contributorId: person.id,
    amount: { amount, currency: 'EUR' },
    tip: { amount: tip, currency: 'EUR' },
    name: await vault.seal(person.id, 'contributor.name', person.name),
    email: await vault.seal(person.id, 'contributor.email', person.email),
    message: await vault.seal(person.id, 'pledge.message', person.message),
  });

  /** What a read model or receipt renders from the event. */
  const rendered = async (data: PledgeMade) => ({
    amount: data.amount.amount,
    tip: data.tip.amount,
    name: shownAs(await vault.open(data.name, { field: 'contributor.name', subjectId: data.contributorId })),
    email: shownAs(await vault.open(data.email, { field: 'contributor.email', subjectId: data.contributorId })),
    message: shownAs(await vault.open(data.message, { field: 'pledge.message', subjectId: data.contributorId })),
  });

  it('keeps the chain verifiable and the amounts readable, and leaves no plaintext of the erased person in any table', async () => {
    await store.append('pledge-p1', [{ type: 'PledgeMade', data: await pledge(CAMILLE, 'p1', 2500, 300) }], 'no_stream');
    await store.append('pledge-p2', [{ type: 'PledgeMade', data: await pledge(DOMINIQUE, 'p2', 4000, 0) }], 'no_stream');
    await store.append(
      'pledge-p1',
      [{ type: 'PledgeAmountChanged', data: { pledgeId: 'p1', amount: { amount: 3000, currency: 'EUR' } } }],
      1,
    );
    // A read model holding what it was given: sealed values, as every copy of personal data must be.
    await db.pool.query(`CREATE TABLE ${db.schema}.backers (pledge_id text PRIMARY KEY, row jsonb NOT NULL, note bytea)`);
    for (const event of [...(await store.readStream('pledge-p1')), ...(await store.readStream('pledge-p2'))].filter(
      (e) => e.type === 'PledgeMade',
    )) {
      const data = event.data as PledgeMade;
      await db.pool.query(`INSERT INTO ${db.schema}.backers VALUES ($1, $2, convert_to($3, 'UTF8'))`, [
        data.pledgeId,
        JSON.stringify(data),
        data.message,
      ]);
    }
    const camilleKeys = (
      await db.pool.query<{ key: Buffer }>(`SELECT key FROM ${db.schema}.personal_data_keys WHERE subject_id = $1`, [CAMILLE.id])
    ).rows.map((row) => row.key);
    expect(camilleKeys).toHaveLength(1);

    const before = await store.verify();
    expect(before).toEqual({ ok: true, eventsChecked: 3 });
    const made = (await store.readStream('pledge-p1'))[0]?.data as PledgeMade;
    expect(await rendered(made)).toEqual({
      amount: 2500,
      tip: 300,
      name: CAMILLE.name,
      email: CAMILLE.email,
      message: CAMILLE.message,
    });
    // The plaintext was never written: the scan finds only the key, in the key table.
    expect(await findInSchema(db.pool, db.schema, [CAMILLE.name, CAMILLE.email, CAMILLE.message])).toEqual([]);
    expect(await findInSchema(db.pool, db.schema, camilleKeys)).toEqual([
      { table: 'personal_data_keys', column: 'key', needle: 0, rows: 1 },
    ]);

    const erasure = await vault.erase(CAMILLE.id);
    expect(erasure.subjectId).toBe(CAMILLE.id);

    // The log is not rewritten: same events, same chain, still verifiable.
    expect(await store.verify()).toEqual(before);
    const after = await store.readStream('pledge-p1');
    expect(after.map((e) => e.data)).toEqual([made, { pledgeId: 'p1', amount: { amount: 3000, currency: 'EUR' } }]);
    expect(await rendered(after[0]?.data as PledgeMade)).toEqual({
      amount: 2500,
      tip: 300,
      name: 'erased',
      email: 'erased',
      message: 'erased',
    });
    expect(await vault.open(made.name, { field: 'contributor.name' })).toBe(ERASED);
    // The other contributor is untouched.
    const other = (await store.readStream('pledge-p2'))[0]?.data as PledgeMade;
    expect(await rendered(other)).toEqual({
      amount: 4000,
      tip: 0,
      name: DOMINIQUE.name,
      email: DOMINIQUE.email,
      message: DOMINIQUE.message,
    });

    // Every table of the schema, every column: neither the plaintext nor the key that opened it.
    const tables = await db.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [db.schema],
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['backers', 'events', 'personal_data_erasures', 'personal_data_keys', 'schema_migrations']),
    );
    expect(await findInSchema(db.pool, db.schema, [CAMILLE.name, CAMILLE.email, CAMILLE.message, ...camilleKeys])).toEqual([]);
    // What the erasure list holds: the subject id and a time, nothing else.
    const listed = await db.pool.query(`SELECT * FROM ${db.schema}.personal_data_erasures`);
    expect(listed.rows).toEqual([{ subject_id: CAMILLE.id, erased_at: erasure.erasedAt }]);
  });

  it('has a scan that does find plaintext where it is, in text, jsonb and bytea columns', async () => {
    await db.pool.query(`CREATE TABLE ${db.schema}.careless (id int, label text, doc jsonb, raw bytea)`);
    await db.pool.query(`INSERT INTO ${db.schema}.careless VALUES (1, 'x', $1, NULL), (2, NULL, NULL, convert_to($2, 'UTF8'))`, [
      JSON.stringify({ who: DOMINIQUE.name }),
      `to ${DOMINIQUE.email}`,
    ]);
    await store.append('pledge-p3', [{ type: 'PledgeNoted', data: { note: DOMINIQUE.message.toUpperCase() } }], 'no_stream');
    expect(await findInSchema(db.pool, db.schema, [DOMINIQUE.name, DOMINIQUE.email, DOMINIQUE.message])).toEqual([
      { table: 'careless', column: 'doc', needle: 0, rows: 1 },
      { table: 'careless', column: 'raw', needle: 1, rows: 1 },
      { table: 'events', column: 'data', needle: 2, rows: 1 },
    ]);
  });

  it('fails closed on a value moved to another person or altered in a copy: a typed error, not ERASED', async () => {
    const made = (await store.readStream('pledge-p2'))[0]?.data as PledgeMade;
    await expect(vault.open(made.name, { field: 'contributor.name', subjectId: CAMILLE.id })).rejects.toBeInstanceOf(
      SealedTextRejectedError,
    );
    const parts = parseSealedText(made.name);
    const ciphertext = Buffer.from(parts.ciphertext);
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 0x20;
    const altered = formatSealedText({ ...parts, ciphertext });
    // Relabelled to a person who has a key: that key does not open it. (To an erased person: ERASED.)
    await vault.seal('account-0193a1d9', 'contributor.name', 'Sacha');
    const relabelled = formatSealedText({ ...parts, subjectId: 'account-0193a1d9' });
    await expect(vault.open(relabelled, { field: 'contributor.name' })).rejects.toBeInstanceOf(SealedTextRejectedError);
    await expect(vault.open(altered, { field: 'contributor.name' })).rejects.toBeInstanceOf(SealedTextRejectedError);
    await expect(vault.open(made.name, { field: 'contributor.email' })).rejects.toBeInstanceOf(SealedTextRejectedError);
  });
});
