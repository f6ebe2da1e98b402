import crypto from 'node:crypto';
import { isUuid, uuidv7, uuidv7Timestamp } from './ids';

const V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MAX_MILLIS = 2 ** 48 - 1;
const MARCH_2025 = Date.UTC(2025, 2, 1, 9, 0, 0);

/** The module keeps per-process sequences; tests that depend on a clean one load their own copy. */
const freshIds = async (): Promise<typeof import('./ids')> => {
  let ids: typeof import('./ids') | undefined;
  await jest.isolateModulesAsync(async () => {
    ids = await import('./ids');
  });
  if (ids === undefined) throw new Error('./ids did not load');
  return ids;
};

const expectStrictlyIncreasing = (ids: readonly string[]): void => {
  ids.forEach((id, index) => {
    const previous = ids[index - 1];
    if (previous !== undefined && !(previous < id))
      throw new Error(`id ${index} (${id}) does not sort after id ${index - 1} (${previous})`);
  });
};

afterEach(() => jest.restoreAllMocks());

describe('uuidv7', () => {
  it('has the UUID layout, version 7 and the RFC 9562 variant', () => {
    for (let i = 0; i < 100; i += 1) {
      const id = uuidv7();
      expect(id).toMatch(V7_PATTERN);
      expect(isUuid(id)).toBe(true);
      const hex = id.replace(/-/g, '');
      expect(parseInt(hex.charAt(12), 16)).toBe(7); // version nibble
      expect(parseInt(hex.slice(16, 18), 16) >> 6).toBe(0b10); // variant bits
    }
  });

  it('is monotonic and unique over 10,000 ids generated in a tight loop', () => {
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i += 1) ids.push(uuidv7());
    expect(new Set(ids).size).toBe(10_000);
    expectStrictlyIncreasing(ids);
  });

  it('carries the current time', async () => {
    const { uuidv7: fresh } = await freshIds();
    const before = Date.now();
    const id = fresh();
    expect(uuidv7Timestamp(id)).toBeGreaterThanOrEqual(before);
    expect(uuidv7Timestamp(id)).toBeLessThanOrEqual(Date.now());
  });

  it.each([0, 1, MARCH_2025, MAX_MILLIS])('round-trips the timestamp %p', (at) => {
    const id = uuidv7(at);
    expect(id).toMatch(V7_PATTERN);
    expect(uuidv7Timestamp(id)).toBe(at);
  });

  it('carries a given timestamp even after ids of a later time', () => {
    uuidv7();
    uuidv7(MARCH_2025 + 60_000);
    expect(uuidv7Timestamp(uuidv7(MARCH_2025))).toBe(MARCH_2025);
  });

  it('keeps ids of one given timestamp distinct and ordered', () => {
    const ids = [uuidv7(MARCH_2025), uuidv7(MARCH_2025), uuidv7(MARCH_2025)];
    expectStrictlyIncreasing(ids);
    expect(ids.map(uuidv7Timestamp)).toEqual([MARCH_2025, MARCH_2025, MARCH_2025]);
  });

  it('keeps 5,000 ids of one given timestamp ordered, all carrying it', () => {
    const ids = Array.from({ length: 5_000 }, () => uuidv7(MARCH_2025 - 10_000));
    expectStrictlyIncreasing(ids);
    expect(new Set(ids.map(uuidv7Timestamp))).toEqual(new Set([MARCH_2025 - 10_000]));
  });

  it('borrows the next millisecond rather than wrap its counter', async () => {
    const { uuidv7: fresh } = await freshIds();
    jest.spyOn(crypto, 'randomInt').mockImplementation((() => 2 ** 32 - 2) as typeof crypto.randomInt);
    const ids = [fresh(MARCH_2025), fresh(MARCH_2025), fresh(MARCH_2025)];
    expectStrictlyIncreasing(ids);
    expect(ids.map(uuidv7Timestamp)).toEqual([MARCH_2025, MARCH_2025, MARCH_2025 + 1]);
  });

  it('keeps 5,000 ids of one system-clock millisecond ordered', async () => {
    const { uuidv7: fresh } = await freshIds();
    jest.spyOn(Date, 'now').mockReturnValue(MARCH_2025);
    const ids = Array.from({ length: 5_000 }, () => fresh());
    expectStrictlyIncreasing(ids);
    expect(new Set(ids.map(uuidv7Timestamp))).toEqual(new Set([MARCH_2025]));
  });

  it('never goes backwards when the system clock steps back', async () => {
    const { uuidv7: fresh } = await freshIds();
    const now = jest.spyOn(Date, 'now').mockReturnValue(MARCH_2025);
    const first = fresh();
    now.mockReturnValue(MARCH_2025 - 5_000);
    const second = fresh();
    expect(second > first).toBe(true);
    expect(uuidv7Timestamp(second)).toBe(MARCH_2025);
  });

  it.each([-1, 1.5, NaN, Infinity, MAX_MILLIS + 1])('rejects the timestamp %p', (at) => {
    expect(() => uuidv7(at)).toThrow(RangeError);
  });
});

describe('isUuid', () => {
  it.each(['', 'not-a-uuid', '0190a1b2-c3d4-0def-8123-456789abcdef', '0190a1b2-c3d4-7def-c123-456789abcdeF'])(
    'rejects %p',
    (value) => expect(isUuid(value)).toBe(false),
  );
});
