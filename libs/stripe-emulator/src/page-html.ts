/** What the emulator's browser pages answer: HTML, or a redirect (`location`, status 303). */
export interface Page {
  readonly status: number;
  readonly html: string;
  readonly location?: string;
}

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The frame of every emulator page. They are part of the journeys the browser tests screen with
 * axe-core (WCAG 2.1 AA), so they have a language, a title, one `main` landmark and one `h1`, and
 * keep the browser's default colours (black on white) and visible focus.
 */
export const emulatorPage = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
  `<meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${escapeHtml(title)} — Stripe emulator</title></head>` +
  `<body style="font-family:sans-serif;line-height:1.5;max-width:36rem;margin:2rem auto;padding:0 1rem">` +
  `<header><p><strong>Stripe emulator</strong> (test mode: no real money moves)</p></header>` +
  `<main>${body}</main></body></html>`;

/** Buttons each posting `outcome=<value>` to `action` (the 3-D Secure and onboarding pages). */
export const outcomeButtons = (action: string, choices: readonly [string, string][]): string =>
  choices
    .map(
      ([value, label]) =>
        `<form method="post" action="${escapeHtml(action)}" style="margin:1rem 0">` +
        `<button name="outcome" value="${escapeHtml(value)}">${escapeHtml(label)}</button></form>`,
    )
    .join('');

/** A page that refuses what the browser asked, saying why; nothing changed. */
export const refusal = (status: number, reason: string): Page => ({
  status,
  html: emulatorPage('Cannot continue', `<h1>Cannot continue</h1><p role="alert">${escapeHtml(reason)}</p>`),
});
