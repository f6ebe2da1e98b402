import type { Problem } from '../elan-api';
import { html, Html } from '../html';
import type { PageContext } from './page-context';

/**
 * The parts of every form (ADR 0030, RGAA): a label on each field, hints and errors tied to it by
 * `aria-describedby`, `aria-invalid` on what was refused, and a summary of the errors at the top
 * whose links lead to the fields. Forms POST to the same site with the CSRF token.
 */

/** The hidden CSRF field every form that changes something carries. */
export const csrfField = (context: PageContext): Html => html`<input type="hidden" name="csrf" value="${context.csrf()}" />`;

/** A field's id in the page, from its name. */
export const fieldId = (name: string): string => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** The errors of a form, by field name: what the API refused, or what the web checked first. */
export type FieldErrors = ReadonlyMap<string, string>;
export const NO_ERRORS: FieldErrors = new Map();

/** The API's 400 problem as errors by field (`amount.amount` counts for `amount`). */
export const fieldErrorsOf = (problem: Problem | undefined, known: readonly string[] = []): FieldErrors => {
  const errors = new Map<string, string>();
  for (const { field, message } of problem?.errors ?? []) {
    const name = known.find((candidate) => field === candidate || field.startsWith(`${candidate}.`)) ?? field;
    if (!errors.has(name)) errors.set(name, message);
  }
  return errors;
};

export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly type?: 'text' | 'email' | 'password' | 'number' | 'url' | 'date' | 'datetime-local' | 'search';
  readonly value?: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly required?: boolean;
  readonly autocomplete?: string;
  /** `inputmode`, for money typed on a phone (`decimal`). */
  readonly inputmode?: string;
  readonly min?: string;
  readonly max?: string;
  readonly step?: string;
  readonly maxlength?: number;
}

const describedBy = (spec: Pick<FieldSpec, 'name' | 'hint' | 'error'>): string | undefined => {
  const ids = [spec.hint && `${fieldId(spec.name)}-hint`, spec.error && `${fieldId(spec.name)}-error`].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
};

const fieldNotes = (spec: Pick<FieldSpec, 'name' | 'hint' | 'error'>): Html =>
  html`${spec.hint && html`<p class="hint" id="${fieldId(spec.name)}-hint">${spec.hint}</p>`}${spec.error &&
  html`<p class="error" id="${fieldId(spec.name)}-error">${spec.error}</p>`}`;

const optional = (name: string, value: string | number | undefined): Html =>
  value === undefined ? html`` : html` ${new Html(name)}="${value}"`;

/** A labelled `<input>`, its hint and its error. */
export const inputField = (spec: FieldSpec): Html => {
  const id = fieldId(spec.name);
  const described = describedBy(spec);
  return html`<div class="field${spec.error ? ' invalid' : ''}">
    <label for="${id}">${spec.label}</label>
    ${fieldNotes(spec)}
    <input
      id="${id}"
      name="${spec.name}"
      type="${spec.type ?? 'text'}"
      value="${spec.value ?? ''}"
      ${optional('autocomplete', spec.autocomplete)}${optional('inputmode', spec.inputmode)}${optional(
        'min',
        spec.min,
      )}${optional('max', spec.max)}${optional('step', spec.step)}${optional('maxlength', spec.maxlength)}${optional(
        'aria-describedby',
        described,
      )}${spec.error ? html` aria-invalid="true"` : html``}${spec.required ? html` required` : html``}
    />
  </div>`;
};

/** A labelled `<textarea>`, its hint and its error. */
export const textareaField = (spec: Omit<FieldSpec, 'type'> & { readonly rows?: number }): Html => {
  const id = fieldId(spec.name);
  const described = describedBy(spec);
  return html`<div class="field${spec.error ? ' invalid' : ''}">
    <label for="${id}">${spec.label}</label>
    ${fieldNotes(spec)}
    <textarea
      id="${id}"
      name="${spec.name}"
      rows="${spec.rows ?? 5}"
      ${optional('maxlength', spec.maxlength)}${optional('aria-describedby', described)}${spec.error
        ? html` aria-invalid="true"`
        : html``}${spec.required ? html` required` : html``}
    >
${spec.value ?? ''}</textarea
    >
  </div>`;
};

/** The errors first, each a link to its field (RGAA 11.10): announced as the page opens. */
export const errorSummary = (
  context: PageContext,
  errors: FieldErrors,
  labels: Readonly<Record<string, string>>,
  general?: string,
): Html => {
  if (errors.size === 0 && general === undefined) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${context.t.t('form.errors.title')}</h2>
    ${general !== undefined && html`<p>${general}</p>`}
    ${errors.size > 0 &&
    html`<ul>
      ${[...errors].map(
        ([field, message]) =>
          html`<li>
            <a href="#${fieldId(field)}">${labels[field] ?? field}${context.t.t('form.errors.separator')}${message}</a>
          </li>`,
      )}
    </ul>`}
  </div>`;
};
