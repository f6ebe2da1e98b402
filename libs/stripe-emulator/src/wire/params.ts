import type { Form, FormValue } from './form';
import { invalidRequest, missingParam } from './stripe-error';

/** Typed reads of one request's parameters, failing with Stripe's `parameter_invalid` / `parameter_missing`. */
export class Params {
  constructor(readonly form: Form) {}

  string(name: string): string | undefined {
    const value = this.form[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${name}`, name);
    return value;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === '') throw missingParam(name);
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) throw invalidRequest(`Invalid integer: ${value}`, name);
    return Number(value);
  }

  requiredAmount(name: string): number {
    const value = this.integer(name);
    if (value === undefined) throw missingParam(name);
    if (value < 1) throw invalidRequest('This value must be greater than or equal to 1.', name);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false') throw invalidRequest(`Invalid boolean: ${value}`, name);
    return value === 'true';
  }

  /** `metadata[key]=value`; an empty string unsets a key, as on Stripe. */
  metadata(previous: Record<string, string> = {}): Record<string, string> {
    const value = this.form['metadata'];
    if (value === undefined) return previous;
    if (value === '') return {};
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest('Invalid metadata', 'metadata');
    const next = { ...previous };
    for (const [key, entry] of Object.entries(value)) {
      if (typeof entry !== 'string') throw invalidRequest(`Invalid metadata[${key}]`, `metadata[${key}]`);
      if (entry === '') delete next[key];
      else next[key] = entry;
    }
    return next;
  }

  strings(name: string): string[] | undefined {
    const value: FormValue | undefined = this.form[name];
    if (value === undefined) return undefined;
    const list = Array.isArray(value) ? value : typeof value === 'object' ? Object.values(value) : [value];
    if (!list.every((item): item is string => typeof item === 'string')) throw invalidRequest(`Invalid array`, name);
    return list;
  }

  child(name: string): Params {
    const value = this.form[name];
    return new Params(typeof value === 'object' && !Array.isArray(value) ? value : {});
  }
}
