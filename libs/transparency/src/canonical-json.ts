/**
 * Deterministic JSON: object keys sorted (JavaScript's string order, UTF-16 code units), no
 * whitespace, strings and numbers as `JSON.stringify` writes them. The same value always gives
 * the same text, whatever order its keys were built in, so its UTF-8 bytes can be signed.
 *
 * Only plain data is accepted: null, booleans, finite numbers, strings, arrays and plain objects.
 * A key whose value is `undefined` is left out, as `JSON.stringify` does.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no form for the number ${value}`);
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? `[${value.map(canonicalJson).join(',')}]` : objectText(value);
    default:
      throw new TypeError(`canonical JSON has no form for a ${typeof value}`);
  }
};

const objectText = (value: object): string => {
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null)
    throw new TypeError('canonical JSON takes plain objects only (no class instances such as Date)');
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, field]) => field !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
};
