import { normaliseEmail } from './email-address';
import { EmailSchema } from './accounts.schemas';
import { erasedAccountFields } from './erasure-placeholders';

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

describe('EmailSchema', () => {
  it('refuses addresses under .invalid, where erased accounts keep their placeholders', () => {
    const placeholder = erasedAccountFields('0193a3b2-7c1d-7000-8000-000000000001').email;

    expect(EmailSchema.safeParse(placeholder).success).toBe(false);
    expect(EmailSchema.safeParse('someone@Erased.INVALID').success).toBe(false);
    expect(EmailSchema.safeParse('someone@example.org').success).toBe(true);
    expect(EmailSchema.safeParse('someone@invalid.example.org').success).toBe(true);
  });
});
