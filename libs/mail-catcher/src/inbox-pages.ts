import type { CaughtMail } from './mail-catcher';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const page = (title: string, body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:60rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}iframe{width:100%;height:28rem;border:1px solid #ccc}
</style></head><body>${body}</body></html>`;

/** The list of caught mails, newest first. */
export const inboxPage = (mails: readonly CaughtMail[]): string =>
  page(
    `Élan mail catcher (${mails.length})`,
    `<h1>Élan mail catcher</h1>
<p>${mails.length} mail(s) caught. Reload to see new ones. JSON: <a href="/api/mails">/api/mails</a>.</p>
<table><thead><tr><th>#</th><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>
${[...mails]
  .reverse()
  .map(
    (m) =>
      `<tr><td>${m.id}</td><td>${escape(m.receivedAt)}</td><td>${escape(m.to.join(', '))}</td>` +
      `<td><a href="/mails/${m.id}">${escape(m.subject || '(no subject)')}</a></td></tr>`,
  )
  .join('\n')}
</tbody></table>`,
  );

/** One mail: its headers, its plain text, and its HTML in a sandboxed frame (no scripts, no same origin). */
export const mailPage = (mail: CaughtMail): string =>
  page(
    mail.subject,
    `<p><a href="/">← inbox</a></p><h1>${escape(mail.subject || '(no subject)')}</h1>
<table>
<tr><th>From</th><td>${escape(mail.from ?? '')}</td></tr>
<tr><th>To</th><td>${escape(mail.to.join(', '))}</td></tr>
<tr><th>Message-ID</th><td>${escape(mail.messageId ?? '')}</td></tr>
<tr><th>Received</th><td>${escape(mail.receivedAt)}</td></tr>
</table>
${mail.html === null ? '' : `<h2>HTML</h2><iframe sandbox title="HTML body" src="/mails/${mail.id}/html"></iframe>`}
<h2>Text</h2><pre>${escape(mail.text)}</pre>`,
  );
