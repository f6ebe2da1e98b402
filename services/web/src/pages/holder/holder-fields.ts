import { html, type Html } from '../../html';
import { fieldId } from '../forms';

/**
 * The fields the holder's forms need beyond `pages/forms.ts`: a labelled `<select>` and a group of
 * radio buttons in a `<fieldset>`, with their hint and error tied by `aria-describedby` the same
 * way (RGAA 11.1, 11.5, 11.10).
 */

export interface ChoiceSpec {
  readonly name: string;
  readonly label: string;
  readonly options: ReadonlyArray<readonly [value: string, label: string]>;
  readonly value: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly required?: boolean;
  /** A first option meaning "none chosen", with this label. */
  readonly placeholder?: string;
}

const describedBy = (spec: ChoiceSpec): string | undefined => {
  const ids = [spec.hint && `${fieldId(spec.name)}-hint`, spec.error && `${fieldId(spec.name)}-error`].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
};

const notes = (spec: ChoiceSpec): Html =>
  html`${spec.hint && html`<p class="hint" id="${fieldId(spec.name)}-hint">${spec.hint}</p>`}${spec.error &&
  html`<p class="error" id="${fieldId(spec.name)}-error">${spec.error}</p>`}`;

export const selectField = (spec: ChoiceSpec): Html => {
  const described = describedBy(spec);
  return html`<div class="field${spec.error ? ' invalid' : ''}">
    <label for="${fieldId(spec.name)}">${spec.label}</label>
    ${notes(spec)}
    <select
      id="${fieldId(spec.name)}"
      name="${spec.name}"
      ${described !== undefined && html` aria-describedby="${described}"`}${spec.error &&
      html` aria-invalid="true"`}${spec.required && html` required`}
    >
      ${spec.placeholder !== undefined && html`<option value="">${spec.placeholder}</option>`}
      ${spec.options.map(
        ([value, label]) => html`<option value="${value}" ${value === spec.value && html` selected`}>${label}</option>`,
      )}
    </select>
  </div>`;
};

/**
 * Radio buttons under a legend; the first one carries the field's id, so the error summary's link
 * leads to the group.
 */
export const radioField = (spec: ChoiceSpec): Html => {
  const described = describedBy(spec);
  return html`<fieldset
    class="field choices${spec.error ? ' invalid' : ''}"
    ${described !== undefined && html` aria-describedby="${described}"`}
  >
    <legend>${spec.label}</legend>
    ${notes(spec)}
    ${spec.options.map(
      ([value, label], index) =>
        html`<div class="choice">
          <input
            type="radio"
            id="${index === 0 ? fieldId(spec.name) : `${fieldId(spec.name)}-${value}`}"
            name="${spec.name}"
            value="${value}"
            ${value === spec.value && html` checked`}${spec.required && html` required`}
          />
          <label for="${index === 0 ? fieldId(spec.name) : `${fieldId(spec.name)}-${value}`}">${label}</label>
        </div>`,
    )}
  </fieldset>`;
};
