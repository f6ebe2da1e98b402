import canonicalize from 'canonicalize';

/**
 * The serialisation the fingerprints used before `canonicalize` (RFC 8785) replaced it. Stored
 * fingerprints live 24 h: a retry across the upgrade must still match, so both must agree byte
 * for byte on every body JSON.parse can produce.
 */
function formerCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formerCanonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${formerCanonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const BODIES = [
  'null',
  '{}',
  '[]',
  '{"b":1,"a":2,"A":3,"_":4,"10":5,"9":6}',
  '{"title":"Café ☕","nested":{"z":[3,2,1],"a":{"y":null,"x":true}}}',
  '{"numbers":[0,-0,0.1,1e21,1e-7,123456789012345680000,-1.5,3.0]}',
  '{"escapes":"quote \\" backslash \\\\ tab \\t newline \\n control \\u0001 line sep \\u2028"}',
  '{"é":1,"e":2,"😀":3,"\\uffff":4,"\\ud800\\udc00":5}',
  '[{"b":[{"d":1,"c":2}],"a":"x"},"s",1,false,null]',
];

describe('request fingerprints: canonical JSON by `canonicalize`', () => {
  it.each(BODIES)('serialises %s exactly as the former hand-written canonical JSON', (text) => {
    const body: unknown = JSON.parse(text);
    expect(canonicalize(body)).toBe(formerCanonicalJson(body));
  });
});
