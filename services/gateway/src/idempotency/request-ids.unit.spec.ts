import { isUuid } from '@elan/domain-kernel';
import { requestIds } from './request-ids';

const ACCOUNT = '0190a000-0000-7000-8000-0000000000a1';
const OTHER_ACCOUNT = '0190a000-0000-7000-8000-0000000000a2';

describe('the ids a request creates things under', () => {
  it('are the same for a retry: same account, key and name', () => {
    expect(requestIds(ACCOUNT, 'key-1')('campaign')).toBe(requestIds(ACCOUNT, 'key-1')('campaign'));
    expect(isUuid(requestIds(ACCOUNT, 'key-1')('campaign'))).toBe(true);
  });

  it('differ by account, by key and by name', () => {
    const ids = new Set([
      requestIds(ACCOUNT, 'key-1')('campaign'),
      requestIds(OTHER_ACCOUNT, 'key-1')('campaign'),
      requestIds(ACCOUNT, 'key-2')('campaign'),
      requestIds(ACCOUNT, 'key-1')('stretchGoal.0'),
    ]);
    expect(ids.size).toBe(4);
  });

  it('are fresh UUID v7s without a key', () => {
    const mint = requestIds(ACCOUNT, undefined);
    const [first, second] = [mint('campaign'), mint('campaign')];
    expect(first).not.toBe(second);
    expect(first[14]).toBe('7');
  });
});
