/**
 * Typed templates (ADR 0030): `html\`…\`` builds markup in which every interpolated value is
 * escaped unless it is `Html` already, so a campaign's title or a contributor's message can never
 * become markup. Arrays are joined; `false`, `null` and `undefined` render nothing, so
 * `${condition && html\`…\`}` reads as it means.
 */

/** Markup that is safe to send as is: built by `html`, or a constant we wrote. */
export class Html {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** What may be interpolated: text (escaped), numbers, markup, nothing, or a list of those. */
export type Interpolation = string | number | Html | false | null | undefined | readonly Interpolation[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as it must appear inside an element or a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);

const render = (value: Interpolation): string => {
  if (value === false || value === null || value === undefined) return '';
  if (value instanceof Html) return value.markup;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
};

/**
 * A template's literal parts without their source indentation (Prettier indents templates as
 * HTML): fewer bytes to send, the same page, since these pages hold no `<pre>`. Computed once per
 * template, as the parts of a tagged template are the same object at every call.
 */
const compactParts = new WeakMap<TemplateStringsArray, readonly string[]>();
const partsOf = (strings: TemplateStringsArray): readonly string[] => {
  let parts = compactParts.get(strings);
  if (!parts) {
    parts = strings.map((part) => part.replace(/\n[ \t]+/g, '\n'));
    compactParts.set(strings, parts);
  }
  return parts;
};

export const html = (strings: TemplateStringsArray, ...values: readonly Interpolation[]): Html => {
  const parts = partsOf(strings);
  let markup = parts[0] ?? '';
  values.forEach((value, index) => {
    markup += render(value) + (parts[index + 1] ?? '');
  });
  return new Html(markup);
};

/** The whole document, doctype first. */
export const htmlDocument = (root: Html): string => `<!doctype html>\n${root.markup}`;
