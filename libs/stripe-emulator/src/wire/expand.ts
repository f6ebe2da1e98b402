import type { EmulatorState } from '../state';

const clone = <T>(value: T): T => structuredClone(value);

/**
 * `expand[]=latest_charge.balance_transaction`: each dotted path replaces an id by its object, found
 * by the id's prefix. Lists expand `data.<field>`. Applied to a copy; the stored objects keep their ids.
 */
export function expand(state: EmulatorState, body: object, paths: readonly string[]): object {
  if (paths.length === 0) return body;
  const result = clone(body) as Record<string, unknown>;
  for (const path of paths) expandPath(state, result, path.split('.'));
  return result;
}

function expandPath(state: EmulatorState, node: unknown, segments: string[]): void {
  const [head, ...rest] = segments;
  if (head === undefined || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) expandPath(state, item, segments);
    return;
  }
  const record = node as Record<string, unknown>;
  let value = record[head];
  if (typeof value === 'string') {
    const found = state.find(value);
    if (found !== undefined) {
      value = clone(found);
      record[head] = value;
    }
  }
  expandPath(state, value, rest);
}
