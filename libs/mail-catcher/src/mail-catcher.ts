import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { inboxPage, mailPage } from './inbox-pages';

/** One mail as the catcher received it over SMTP, parsed. */
export interface CaughtMail {
  /** The catcher's own number, 1 for the first mail caught. */
  readonly id: number;
  readonly messageId: string | null;
  /** The envelope's recipients (RCPT TO), where the mail was really delivered. */
  readonly to: readonly string[];
  readonly from: string | null;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  readonly receivedAt: string;
}

export interface MailCatcherOptions {
  /** Default 127.0.0.1: a development inbox is nobody else's business. */
  readonly host?: string;
  /** SMTP port, default 1025; 0 picks a free one (tests). */
  readonly smtpPort?: number;
  /** Inbox page port, default 1080; 0 picks a free one (tests). */
  readonly httpPort?: number;
  /** Mails kept, oldest dropped first (default 1 000): it runs for days under `npm start`. */
  readonly keep?: number;
}

export interface RunningMailCatcher {
  /** What a sender's `SMTP_URL` is, e.g. smtp://127.0.0.1:1025. */
  readonly smtpUrl: string;
  /** The inbox page, e.g. http://localhost:1080. */
  readonly inboxUrl: string;
  /** The mails caught, oldest first. */
  mails(): readonly CaughtMail[];
  clear(): void;
  stop(): Promise<void>;
}

const listen = (server: { listen(port: number, host: string, done: () => void): unknown }, port: number, host: string) =>
  new Promise<void>((resolve) => server.listen(port, host, resolve));

const addressesOf = (value: AddressObject | AddressObject[] | undefined): string | null =>
  value === undefined ? null : (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');

/**
 * A mail catcher for development and tests: an SMTP server that accepts every mail (no
 * authentication, no TLS: it listens on the loopback) and keeps it in memory, and an HTTP page
 * listing them. `GET /api/mails` answers them as JSON for tests in another process.
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<RunningMailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const keep = options.keep ?? 1_000;
  const caught: CaughtMail[] = [];
  let next = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    banner: 'Élan mail catcher',
    logger: false,
    onData(stream, session, done) {
      simpleParser(stream).then(
        (parsed) => {
          caught.push({
            id: next++,
            messageId: parsed.messageId ?? null,
            to: session.envelope.rcptTo.map((r) => r.address),
            from: addressesOf(parsed.from),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            receivedAt: new Date().toISOString(),
          });
          if (caught.length > keep) caught.splice(0, caught.length - keep);
          done();
        },
        (error: Error) => done(error),
      );
    },
  });
  await listen(smtp, options.smtpPort ?? 1025, host);

  const http: Server = createServer((request, response) => answer(request, response, caught));
  try {
    await listen(http, options.httpPort ?? 1080, host);
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(resolve));
    throw error;
  }
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const httpPort = (http.address() as AddressInfo).port;
  const shownHost = host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host;
  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    inboxUrl: `http://${shownHost}:${httpPort}`,
    mails: () => [...caught],
    clear: () => void caught.splice(0),
    stop: async () => {
      await new Promise<void>((resolve) => smtp.close(resolve));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function answer(request: IncomingMessage, response: ServerResponse, caught: CaughtMail[]): void {
  const path = new URL(request.url ?? '/', 'http://catcher').pathname;
  const send = (status: number, type: string, body: string) => {
    response.writeHead(status, {
      'content-type': `${type}; charset=utf-8`,
      // The mails' HTML is shown in a sandboxed frame with no scripts; nothing else is allowed either.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'",
    });
    response.end(body);
  };
  if (request.method === 'DELETE' && path === '/api/mails') {
    caught.splice(0);
    return send(200, 'application/json', '[]');
  }
  if (request.method !== 'GET') return send(405, 'text/plain', 'method not allowed');
  if (path === '/api/mails') return send(200, 'application/json', JSON.stringify(caught));
  if (path === '/') return send(200, 'text/html', inboxPage(caught));
  const match = /^\/mails\/(\d+)(\/html)?$/.exec(path);
  const mail = match && caught.find((m) => m.id === Number(match[1]));
  if (!mail) return send(404, 'text/plain', 'no such mail');
  if (match[2]) return send(200, 'text/html', mail.html ?? '');
  return send(200, 'text/html', mailPage(mail));
}
