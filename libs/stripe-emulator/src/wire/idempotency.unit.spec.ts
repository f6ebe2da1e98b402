import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorState, emptyData } from '../state';
import { remember, replayFor } from './idempotency';
import { StripeApiError } from './stripe-error';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-01-01T00:00:00Z');

const store = (state: EmulatorState, key: string, body: string, at: number): void =>
  remember(state, key, 'POST', '/v1/customers', body, 200, { id: `cus_${key}` }, at);
const replay = (state: EmulatorState, key: string, body: string, at: number) =>
  replayFor(state, key, 'POST', '/v1/customers', body, at);

describe('Idempotency-Key records', () => {
  it('replay the stored answer for 24 h to the same parameters, in any order, and refuse other parameters', () => {
    const state = new EmulatorState(undefined, []);
    store(state, 'k', 'email=a%40example.org&name=A', T0);
    expect(replay(state, 'k', 'name=A&email=a%40example.org', T0 + DAY)).toEqual({ status: 200, body: { id: 'cus_k' } });
    expect(() => replay(state, 'k', 'email=b%40example.org', T0 + HOUR)).toThrow(StripeApiError);
    expect(replay(state, 'k', 'email=a%40example.org&name=A', T0 + DAY + 1)).toBeUndefined();
    expect(replay(state, 'other', '', T0)).toBeUndefined();
  });

  it('keep a copy of the answer, not the live object', () => {
    const state = new EmulatorState(undefined, []);
    const answer = { id: 'pi_1', status: 'requires_action' };
    remember(state, 'k', 'POST', '/v1/payment_intents', '', 200, answer, T0);
    answer.status = 'succeeded';
    expect(replayFor(state, 'k', 'POST', '/v1/payment_intents', '', T0)?.body).toEqual({ id: 'pi_1', status: 'requires_action' });
  });

  it('are pruned once expired, oldest first, when a new key is stored', () => {
    const state = new EmulatorState(undefined, []);
    store(state, 'a', '', T0);
    store(state, 'b', '', T0 + HOUR);
    store(state, 'c', '', T0 + 2 * HOUR);
    store(state, 'd', '', T0 + DAY + HOUR + 1); // a and b are older than 24 h
    expect(Object.keys(state.data.idempotency).sort()).toEqual(['c', 'd']);
    store(state, 'e', '', T0 + 3 * DAY);
    expect(Object.keys(state.data.idempotency)).toEqual(['e']);
  });

  it('keep a key stored again after it expired until the new record expires', () => {
    const state = new EmulatorState(undefined, []);
    store(state, 'k', 'name=first', T0);
    store(state, 'k', 'name=second', T0 + DAY + 1); // expired, so run again and stored anew
    store(state, 'x', '', T0 + DAY + 2); // prunes the first entry of k, which is not k's record any more
    expect(replay(state, 'k', 'name=second', T0 + DAY + 2)).toEqual({ status: 200, body: { id: 'cus_k' } });
    store(state, 'y', '', T0 + 2 * DAY + 3);
    expect(Object.keys(state.data.idempotency)).toEqual(['y']);
  });

  it('prune the records of a state file, and of a reset state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-idempotency-'));
    try {
      const file = join(dir, 'state.json');
      const data = emptyData();
      data.idempotency = {
        old: { request: 'x', status: 200, body: {}, at: T0 + HOUR },
        older: { request: 'x', status: 200, body: {}, at: T0 },
        recent: { request: 'x', status: 200, body: {}, at: T0 + DAY },
      };
      writeFileSync(file, JSON.stringify(data));
      const state = new EmulatorState(file, []);
      store(state, 'new', '', T0 + DAY + HOUR + 1);
      expect(Object.keys(state.data.idempotency).sort()).toEqual(['new', 'recent']);
      state.reset();
      store(state, 'after-reset', '', T0);
      store(state, 'later', '', T0 + DAY + 1);
      expect(Object.keys(state.data.idempotency)).toEqual(['later']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
