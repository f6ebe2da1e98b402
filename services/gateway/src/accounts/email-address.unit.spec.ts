import { normaliseEmail } from './email-address';

describe('normaliseEmail', () => {
  it('trims, folds compatibility forms and lower-cases', () => {
    expect(normaliseEmail('  Ada.Lovelace@Example.ORG ')).toBe('ada.lovelace@example.org');
    expect(normaliseEmail('ａｄａ@ｅｘａｍｐｌｅ.org')).toBe('ada@example.org');
  });

  it('keeps the dotted capital I apart from a plain i, as JavaScript lower-cases it', () => {
    expect(normaliseEmail('al\u0130ce@example.org')).not.toBe(normaliseEmail('alice@example.org'));
  });

  it('is idempotent', () => {
    const once = normaliseEmail(' ＳＥＣ-al\u0130ce@Example.org');

    expect(normaliseEmail(once)).toBe(once);
  });
});
