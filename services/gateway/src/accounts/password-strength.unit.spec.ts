import { MIN_PASSWORD_SCORE, passwordWeakness } from './password-strength';

describe('password strength (zxcvbn, common and French dictionaries)', () => {
  it(`wants a score of ${MIN_PASSWORD_SCORE} at least`, () => {
    expect(MIN_PASSWORD_SCORE).toBe(3);
  });

  it.each([
    ['twelve spaces', ' '.repeat(12)],
    ['a repeated letter', 'aaaaaaaaaaaa'],
    ['an AZERTY keyboard row', 'azertyuiopqs'],
    ['a French word with digits', 'motdepasse123'],
    ['a common password, padded', 'password1234'],
  ])('refuses %s, in zxcvbn’s words', (_what, password) => {
    expect(passwordWeakness(password)).toMatch(/^is too easy to guess\. \S/);
  });

  it('refuses a password built from the account’s own address or name', () => {
    const owner = { email: 'zorbax.quenvodel@example.org', displayName: 'Zorbax Quenvodel' };

    expect(passwordWeakness('zorbax.quenvodel@example.org', owner)).toMatch(/personal data/);
    expect(passwordWeakness('QuenvodelZorbax', owner)).toMatch(/personal data/);
    // The same password is fine for someone else: it is the owner’s data that makes it weak.
    expect(passwordWeakness('QuenvodelZorbax', { email: 'someone@example.org' })).toBeUndefined();
  });

  it('accepts long passphrases', () => {
    expect(passwordWeakness('correct horse battery staple')).toBeUndefined();
    expect(passwordWeakness('élan demo holder password')).toBeUndefined();
  });
});
