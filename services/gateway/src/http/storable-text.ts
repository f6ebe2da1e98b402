import type { FieldError } from '../validation/zod-validation.pipe';

/**
 * Text PostgreSQL cannot store: `text` columns refuse U+0000 (SQLSTATE 22021 / 22P05 in jsonb),
 * and a lone UTF-16 surrogate has no UTF-8 encoding at all. Both are refused at the edge, once
 * for every route, rather than surfacing as a database error deep in some handler.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or `undefined` when it can. */
export function unstorableBecause(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  if (LONE_SURROGATE.test(text)) return 'contains half of a UTF-16 surrogate pair, which cannot be stored';
  return undefined;
}

/** A path segment as a problem may print it: the offending characters escaped, as JSON would. */
const printable = (segment: string): string =>
  unstorableBecause(segment) === undefined ? segment : JSON.stringify(segment).slice(1, -1);

/** A path as a chain, so a step deeper costs one object rather than a copy of the path. */
interface Step {
  readonly parent: Step | undefined;
  readonly segment: string;
}

/**
 * Every string — object keys included — of a parsed JSON value or query that cannot be stored,
 * named by its dotted path (`whole` when the value itself is a string). Walks with an explicit
 * stack, not recursion: the value comes from a client.
 */
export function unstorableFields(value: unknown, whole: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = (step: Step | undefined): string => {
    const segments: string[] = [];
    for (let at = step; at !== undefined; at = at.parent) segments.unshift(printable(at.segment));
    return segments.length === 0 ? whole : segments.join('.');
  };
  const pending: { value: unknown; at: Step | undefined }[] = [{ value, at: undefined }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, at } = next;
    if (typeof current === 'string') {
      const why = unstorableBecause(current);
      if (why !== undefined) errors.push({ field: name(at), message: why });
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--)
        pending.push({ value: current[index], at: { parent: at, segment: String(index) } });
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current);
      for (const [key] of entries) {
        const why = unstorableBecause(key);
        if (why !== undefined) errors.push({ field: name({ parent: at, segment: key }), message: `is a field name that ${why}` });
      }
      for (const [key, item] of entries.reverse()) pending.push({ value: item, at: { parent: at, segment: key } });
    }
  }
  return errors;
}
