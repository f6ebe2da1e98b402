import { fixedClock } from '@elan/domain-kernel';
import { ERASED, isErased, shownAs } from './erased';
import { SealedTextRejectedError, SubjectErasedError } from './errors';
import { InMemoryKeyStore } from './in-memory-key-store';
import { PersonalDataVault } from './personal-data-vault';
import { formatSealedText, parseSealedText } from './sealed-text';

const NAME = 'contributor.name';
const EMAIL = 'contributor.email';

describe('the personal data vault', () => {
  let keys: InMemoryKeyStore;
  let vault: PersonalDataVault;
  beforeEach(() => {
    keys = new InMemoryKeyStore(fixedClock(new Date('2026-12-02T10:00:00.000Z')));
    vault = new PersonalDataVault(keys);
  });

  it('seals a value that opens back to the plaintext and shows none of it', async () => {
    const sealed = await vault.seal('account-1', NAME, 'Camille Dupré');
    expect(sealed).toMatch(/^pd1:account-1:1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('Camille');
    expect(Buffer.from(parseSealedText(sealed).ciphertext).toString('utf8')).not.toContain('Camille');
    expect(await vault.open(sealed, { field: NAME, subjectId: 'account-1' })).toBe('Camille Dupré');
  });

  it('seals the same value differently each time (a fresh IV), so equal names cannot be linked', async () => {
    const [one, two] = await Promise.all([vault.seal('account-1', NAME, 'Camille'), vault.seal('account-1', NAME, 'Camille')]);
    expect(one).not.toBe(two);
  });

  it('opens an optional value: absent stays absent, present opens or reads ERASED', async () => {
    const sealed = await vault.seal('account-1', 'pledge.message', 'Bravo');
    expect(await vault.openOptional(undefined, { field: 'pledge.message' })).toBeUndefined();
    expect(await vault.openOptional(null, { field: 'pledge.message' })).toBeUndefined();
    expect(await vault.openOptional(sealed, { field: 'pledge.message' })).toBe('Bravo');
    await vault.erase('account-1');
    expect(await vault.openOptional(sealed, { field: 'pledge.message' })).toBe(ERASED);
  });

  it('seals the empty string and opens it back', async () => {
    expect(await vault.open(await vault.seal('account-1', NAME, ''), { field: NAME })).toBe('');
  });

  it('answers ERASED, never an exception, once the person is erased', async () => {
    const sealed = await vault.seal('account-1', EMAIL, 'camille@example.org');
    const other = await vault.seal('account-2', EMAIL, 'dominique@example.org');
    expect(await vault.erase('account-1')).toEqual({ subjectId: 'account-1', erasedAt: new Date('2026-12-02T10:00:00.000Z') });

    const opened = await vault.open(sealed, { field: EMAIL });
    expect(opened).toBe(ERASED);
    expect(isErased(opened)).toBe(true);
    expect(shownAs(opened)).toBe('erased');
    expect(await vault.open(other, { field: EMAIL })).toBe('dominique@example.org');
  });

  it('refuses to seal anything new for an erased person', async () => {
    await vault.erase('account-1');
    await expect(vault.seal('account-1', NAME, 'Camille')).rejects.toBeInstanceOf(SubjectErasedError);
  });

  it('rejects a value moved to another field: the field is bound into the ciphertext', async () => {
    const sealed = await vault.seal('account-1', NAME, 'Camille');
    await expect(vault.open(sealed, { field: EMAIL })).rejects.toBeInstanceOf(SealedTextRejectedError);
  });

  it('rejects a value moved to another person, whether or not the subject id in it is rewritten', async () => {
    const sealed = await vault.seal('account-1', NAME, 'Camille');
    await vault.seal('account-2', NAME, 'Dominique');
    await expect(vault.open(sealed, { field: NAME, subjectId: 'account-2' })).rejects.toBeInstanceOf(SealedTextRejectedError);

    const relabelled = formatSealedText({ ...parseSealedText(sealed), subjectId: 'account-2' });
    await expect(vault.open(relabelled, { field: NAME })).rejects.toBeInstanceOf(SealedTextRejectedError);
  });

  it('rejects an altered ciphertext, tag or IV', async () => {
    const parts = parseSealedText(await vault.seal('account-1', NAME, 'Camille'));
    const flipped = (bytes: Buffer): Buffer => Buffer.from(bytes.map((byte, index) => (index === 0 ? byte ^ 1 : byte)));
    for (const altered of [
      { ...parts, ciphertext: flipped(parts.ciphertext) },
      { ...parts, tag: flipped(parts.tag) },
      { ...parts, iv: flipped(parts.iv) },
    ])
      await expect(vault.open(formatSealedText(altered), { field: NAME })).rejects.toBeInstanceOf(SealedTextRejectedError);
  });

  it('rejects malformed values without echoing them', async () => {
    for (const bad of [
      'Camille',
      'pd1:account-1:1:abc',
      'pd2:account-1:1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AA',
      'pd1:a:b:c:d:e',
    ]) {
      const error = await vault.open(bad, { field: NAME }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SealedTextRejectedError);
      expect((error as Error).message).not.toContain(bad);
    }
  });

  it('opens values sealed under an older key version after a rotation, and seals new ones with the new version', async () => {
    const before = await vault.seal('account-1', NAME, 'Camille');
    await keys.rotate('account-1');
    const after = await vault.seal('account-1', NAME, 'Camille D.');
    expect(parseSealedText(after).keyVersion).toBe(2);
    expect(await vault.open(before, { field: NAME })).toBe('Camille');
    expect(await vault.open(after, { field: NAME })).toBe('Camille D.');
    await vault.erase('account-1');
    expect([await vault.open(before, { field: NAME }), await vault.open(after, { field: NAME })]).toEqual([ERASED, ERASED]);
  });

  it('rejects a value whose key version was rewritten', async () => {
    await keys.rotate('account-1');
    const parts = parseSealedText(await vault.seal('account-1', NAME, 'Camille'));
    await expect(vault.open(formatSealedText({ ...parts, keyVersion: 1 }), { field: NAME })).rejects.toBeInstanceOf(
      SealedTextRejectedError,
    );
  });

  it('keeps subject ids and field names to patterns that cannot break the sealed form', async () => {
    await expect(vault.seal('account:1', NAME, 'x')).rejects.toThrow('data subject id');
    await expect(vault.seal('account-1', 'contributor name', 'x')).rejects.toThrow('personal field name');
    await expect(vault.erase('')).rejects.toThrow('data subject id');
  });
});
