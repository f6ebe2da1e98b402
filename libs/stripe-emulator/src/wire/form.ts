/**
 * Stripe's wire format: `application/x-www-form-urlencoded` with nested keys — `metadata[pledge_id]=…`,
 * `expand[]=…`, `payment_method_types[0]=card` — the same in GET query strings. Values stay strings;
 * each endpoint reads them with the typed getters below, as Stripe validates per parameter.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type Form = { [key: string]: FormValue };

const splitKey = (key: string): string[] => {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const parts = [key.slice(0, open)];
  for (const match of key.slice(open).matchAll(/\[([^\]]*)\]/g)) parts.push(match[1] ?? '');
  return parts;
};

const isIndex = (part: string): boolean => part === '' || /^\d+$/.test(part);

export function parseForm(body: string): Form {
  const root: Form = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = splitKey(key);
    let node: Form | FormValue[] = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const next = parts[i + 1];
      const child: FormValue = last ? value : next !== undefined && isIndex(next) ? [] : {};
      if (Array.isArray(node)) {
        const index = part === '' ? node.length : Number(part);
        if (last) node[index] = child;
        else node = (node[index] ??= child) as Form | FormValue[];
      } else if (last) node[part] = child;
      else node = (node[part] ??= child) as Form | FormValue[];
    });
  }
  return root;
}
