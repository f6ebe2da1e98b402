import { ACCENT_MAP, foldAccents } from './french-search';

describe('the accent folding of French search', () => {
  it('maps each accented letter to one plain letter, in both cases', () => {
    expect([...ACCENT_MAP.from]).toHaveLength([...ACCENT_MAP.to].length);
    expect(ACCENT_MAP.to).toMatch(/^[a-zA-Z]+$/);
    expect(ACCENT_MAP.from).toContain('É');
  });

  it('wraps an SQL expression in immutable functions only', () => {
    expect(foldAccents('title')).toMatch(/^translate\(replace\(/);
    expect(foldAccents('title')).toContain("'œ', 'oe'");
  });
});
