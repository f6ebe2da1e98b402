import { unstorableBecause, unstorableFields } from './storable-text';

describe('text PostgreSQL can store', () => {
  it.each([['plain'], ['accentué'], ['emoji 🍞 (a whole surrogate pair)'], ['']])('accepts %p', (text) => {
    expect(unstorableBecause(text)).toBeUndefined();
  });

  it.each([['nul\u0000'], ['\uD800'], ['tail \uDC00'], ['\uDC00\uD800 (reversed pair)']])('refuses %p', (text) => {
    expect(unstorableBecause(text)).toEqual(expect.any(String));
  });
});

describe('the fields of a value that cannot be stored', () => {
  it('names nested values and keys by their path, keys escaped', () => {
    expect(unstorableFields({ ok: 'x', tiers: [{ title: 'a' }, { title: 'b\u0000' }], ['k\u0000']: 1 }, 'body')).toEqual([
      { field: 'k\\u0000', message: expect.stringMatching(/^is a field name that contains a NUL/) },
      { field: 'tiers.1.title', message: expect.stringMatching(/NUL/) },
    ]);
  });

  it('names a bare string by the whole it stands for', () => {
    expect(unstorableFields('\uD800', 'body')).toEqual([{ field: 'body', message: expect.stringMatching(/surrogate/) }]);
  });

  it('walks a deeply nested value without recursion', () => {
    let deep: unknown = '\u0000';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(unstorableFields(deep, 'body')).toHaveLength(1);
  });
});
