import { html, type Html } from '../html';

/**
 * Text a person wrote (a story, an update, a message) as paragraphs: a blank line starts a new
 * one, a single line break stays a line break. Everything else is text, escaped.
 */
export const paragraphs = (text: string): Html[] =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => {
      const lines = paragraph.split(/\r?\n/);
      return html`<p>${lines.map((line, index) => (index === 0 ? line : [html`<br />`, line]))}</p>`;
    });
