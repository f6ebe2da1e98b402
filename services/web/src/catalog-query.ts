import { CAMPAIGN_CATEGORIES, CATALOG_SORTS, CATALOG_STATUSES } from '@elan/contracts';
import { isDepartement } from './departements';
import type { CatalogQuery } from './elan-api';
import { NOTICE_PARAMETER } from './pages/notices';

/** Campaigns per catalog page: a phone screen of cards, a light page. */
export const CATALOG_PAGE_SIZE = 12;

/** The catalog form's fields, as they travel in the URL. */
export const CATALOG_FIELDS = ['q', 'departement', 'category', 'status', 'sort', 'cursor'] as const;
type CatalogField = (typeof CATALOG_FIELDS)[number];

const oneOf =
  (values: readonly string[]) =>
  (value: string): boolean =>
    values.includes(value);

/** What each field accepts: the values the API accepts, checked here so the visitor is told, not the API refused. */
const ACCEPTS: Readonly<Record<CatalogField, (value: string) => boolean>> = {
  q: (value) => value.length <= 200,
  departement: isDepartement,
  category: oneOf(CAMPAIGN_CATEGORIES),
  status: oneOf(CATALOG_STATUSES),
  sort: oneOf(CATALOG_SORTS),
  cursor: (value) => value.length <= 500,
};

export interface ParsedCatalogQuery {
  /** The search as the API will run it: only the values understood. */
  readonly query: CatalogQuery & Partial<Record<CatalogField, string>>;
  /** Parameters refused (unknown, or a value the field does not take), to tell the visitor. */
  readonly invalid: readonly string[];
}

/**
 * The catalog's GET form, read from the URL. An empty field means "any"; a value the field does
 * not take (a hand-made URL) is left out and named, so the visitor sees the results without it
 * and knows why.
 */
export const parseCatalogQuery = (params: URLSearchParams): ParsedCatalogQuery => {
  const query: Partial<Record<CatalogField, string>> = {};
  const invalid: string[] = [];
  for (const [name, raw] of params) {
    // A form's notice after its redirect here (pages/notices.ts) is no filter.
    if (name === NOTICE_PARAMETER) continue;
    const value = raw.trim();
    if (!(CATALOG_FIELDS as readonly string[]).includes(name)) {
      invalid.push(name);
      continue;
    }
    const field = name as CatalogField;
    if (value === '') continue;
    if (ACCEPTS[field](value) && query[field] === undefined) query[field] = value;
    else invalid.push(field);
  }
  return { query: { ...query, limit: CATALOG_PAGE_SIZE }, invalid: [...new Set(invalid)] };
};

/** The URL of the same search at another page (`cursor`), or its first page (no cursor). */
export const catalogSearch = (query: Partial<Record<CatalogField, string>>, cursor?: string): string => {
  const params = new URLSearchParams();
  for (const field of CATALOG_FIELDS) {
    const value = field === 'cursor' ? cursor : query[field];
    if (value) params.set(field, value);
  }
  return params.size > 0 ? `?${params}` : '';
};
