import {
  MONEY_LOGS,
  getPayoutStreamLinks,
  getPledgeStreamLinks,
  getTipStreamLinks,
  moneyServiceOf,
} from './transparency.requests';

const rejectedFields = (payload: unknown, schema = getPledgeStreamLinks.request): string[] =>
  schema.safeParse(payload).error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('the transparency requests', () => {
  it('route a stream to the money service of its prefix, and no other stream', () => {
    expect(moneyServiceOf('pledge-0195f0a0')).toBe('pledge');
    expect(moneyServiceOf('tip-0195f0a0')).toBe('tipping');
    expect(moneyServiceOf('campaign-0195f0a0')).toBeUndefined();
    expect(moneyServiceOf('tally-0195f0a0')).toBeUndefined();
    expect(MONEY_LOGS.pledge.log).toBe('elan/pledge');
  });

  it('route a campaign’s payout ledger and its statements to the payout service, never its payout accounts', () => {
    expect(moneyServiceOf('payoutledger-0195f0a0')).toBe('payout');
    expect(moneyServiceOf('payout-0195f0a0')).toBe('payout');
    expect(moneyServiceOf('payoutaccount-0195f0a0')).toBeUndefined();
    expect(MONEY_LOGS.payout.log).toBe('elan/payout');
    expect(rejectedFields({ streamId: 'payoutaccount-1', from: 1, limit: 10 }, getPayoutStreamLinks.request)).toEqual([
      'streamId',
    ]);
    expect(rejectedFields({ streamId: 'payout-1', from: 1, limit: 10 }, getPayoutStreamLinks.request)).toEqual([]);
    expect(rejectedFields({ streamId: 'payoutledger-1', from: 1, limit: 10 }, getPayoutStreamLinks.request)).toEqual([]);
  });

  it.each([
    ['another service’s stream', 'tip-0195f0a0'],
    ['a stream that is not money', 'tally-0195f0a0'],
    ['a bare prefix', 'pledge-'],
    ['a prefix in other case', 'Pledge-0195'],
  ])('refuse the links of %s, naming streamId', (_what, streamId) => {
    expect(rejectedFields({ streamId, from: 1, limit: 10 })).toEqual(['streamId']);
  });

  it('take a money stream of their own service, from position 1, at most 1000 links', () => {
    expect(rejectedFields({ streamId: 'pledge-1', from: 1, limit: 1_000 })).toEqual([]);
    expect(rejectedFields({ streamId: 'tip-1', from: 1, limit: 10 }, getTipStreamLinks.request)).toEqual([]);
    expect(rejectedFields({ streamId: 'pledge-1', from: 0, limit: 1_001 })).toEqual(['from', 'limit']);
  });
});
