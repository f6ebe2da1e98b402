import type { IncomingMessage } from 'node:http';

/** A form is a few fields; anything larger is not one of our forms. */
export const MAX_FORM_BYTES = 64 * 1024;

/** Why a POST's body cannot be read as a form: answered 413 or 415, before anything else happens. */
export class FormRefused extends Error {
  constructor(
    readonly status: 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The fields of a POSTed HTML form (`application/x-www-form-urlencoded`, what a `<form
 * method="post">` without files sends). Read whole, up to `MAX_FORM_BYTES`.
 */
export const readForm = async (request: IncomingMessage): Promise<URLSearchParams> => {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded')
    throw new FormRefused(415, `a form is sent as application/x-www-form-urlencoded, not ${type || 'nothing'}`);
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_FORM_BYTES) throw new FormRefused(413, `a form is at most ${MAX_FORM_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new FormRefused(413, `a form is at most ${MAX_FORM_BYTES} bytes`);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};
