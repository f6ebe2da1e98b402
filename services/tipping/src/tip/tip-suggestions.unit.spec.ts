import { eur, money, ValidationError } from '@elan/domain-kernel';
import { DEFAULT_TIP_SUGGESTION_POLICY, suggestTips, type TipSuggestionPolicy } from './tip-suggestions';

const policy = (overrides: Partial<TipSuggestionPolicy> = {}): TipSuggestionPolicy => ({
  ...DEFAULT_TIP_SUGGESTION_POLICY,
  ...overrides,
});

/** `[amount in cents, share in bp]` pairs, the shape the checkout shows. */
const pairs = (pledge: number, withPolicy?: TipSuggestionPolicy): [number, number][] =>
  suggestTips(eur(pledge), withPolicy).map((suggestion) => [suggestion.amount.amount, suggestion.shareBps]);

describe('suggesting tips', () => {
  it('offers 0 first, then 5 %, 10 % and 15 % of the pledge by default', () =>
    expect(pairs(3_000)).toEqual([
      [0, 0],
      [150, 500],
      [300, 1_000],
      [450, 1_500],
    ]));

  it('marks none as pre-selected', () => expect(suggestTips(eur(3_000)).every((s) => s.preselected === false)).toBe(true));

  it('suggests in the pledge’s currency', () =>
    expect(suggestTips(money(3_000, 'CHF')).map((s) => s.amount)).toEqual([0, 150, 300, 450].map((a) => money(a, 'CHF'))));

  it('offers only 0 for a pledge too small for any step', () => expect(pairs(100)).toEqual([[0, 0]]));

  it('merges shares that round to the same step for a small pledge', () =>
    expect(pairs(500)).toEqual([
      [0, 0],
      [50, 1_000],
    ]));

  it('suggests exact amounts for a large pledge', () =>
    expect(pairs(1_000_000)).toEqual([
      [0, 0],
      [50_000, 500],
      [100_000, 1_000],
      [150_000, 1_500],
    ]));

  it('rounds down to the step by default and shows the resulting share', () =>
    expect(pairs(3_333)).toEqual([
      [0, 0],
      [150, 450],
      [300, 900],
      [450, 1_350],
    ]));

  it('rounds half-even to the step when the policy says so', () =>
    expect(pairs(3_333, policy({ rounding: 'half_even' }))).toEqual([
      [0, 0],
      [150, 450],
      [350, 1_050],
      [500, 1_500],
    ]));

  it('follows the configured step', () =>
    expect(pairs(3_333, policy({ step: 1 }))).toEqual([
      [0, 0],
      [166, 498],
      [333, 999],
      [499, 1_497],
    ]));

  it('adds fixed amounts, sorted, each once', () =>
    expect(pairs(3_000, policy({ sharesBps: [1_000], fixedAmounts: [500, 300, 100] }))).toEqual([
      [0, 0],
      [100, 333],
      [300, 1_000],
      [500, 1_667],
    ]));

  it('leaves out what exceeds the largest share, and keeps what reaches it exactly', () => {
    const fixed = policy({ sharesBps: [], fixedAmounts: [100, 200, 500] });
    expect(pairs(1_000, fixed)).toEqual([
      [0, 0],
      [100, 1_000],
      [200, 2_000],
    ]);
    expect(pairs(200, fixed)).toEqual([[0, 0]]);
  });

  it('gives integer shares only', () =>
    expect(suggestTips(eur(777), policy({ step: 1 })).every((s) => Number.isSafeInteger(s.shareBps))).toBe(true));

  it.each<[string, number]>([
    ['zero', 0],
    ['negative', -100],
  ])('refuses a %s pledge', (_name, amount) => expect(() => suggestTips(eur(amount))).toThrow(ValidationError));

  it.each<[string, Partial<TipSuggestionPolicy>]>([
    ['a share of 0', { sharesBps: [0] }],
    ['a share above 100 %', { sharesBps: [10_001] }],
    ['a fractional share', { sharesBps: [2.5] }],
    ['a fixed amount of 0', { fixedAmounts: [0] }],
    ['a step of 0', { step: 0 }],
    ['a fractional step', { step: 0.5 }],
    ['a negative largest share', { maxShareBps: -1 }],
  ])('refuses a policy with %s', (_name, overrides) =>
    expect(() => suggestTips(eur(3_000), policy(overrides))).toThrow(ValidationError),
  );
});
