import { nestsDeeperThan } from './json-nesting';

describe('the nesting depth of a JSON text', () => {
  it('counts arrays and objects alike', () => {
    expect(nestsDeeperThan('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":[]}]}', 3)).toBe(true);
  });

  it('ignores brackets in strings, escaped quotes included', () => {
    expect(nestsDeeperThan('["[[[[", "\\"[[[[", {"k{{{":"]]"}]', 2)).toBe(false);
  });

  it('measures siblings, not their sum', () => {
    expect(nestsDeeperThan(`[${'[],'.repeat(10_000)}[]]`, 2)).toBe(false);
  });

  it('scans a million brackets without a stack', () => {
    expect(nestsDeeperThan('['.repeat(1_000_000), 32)).toBe(true);
  });
});
