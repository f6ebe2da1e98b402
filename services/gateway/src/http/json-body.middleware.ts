import type { IncomingMessage } from 'node:http';
import { HttpStatus } from '@nestjs/common';
import type { HttpRequest, HttpResponse, NextFunction } from '../common/http-exchange';
import { ProblemException } from '../problem/problem-details';
import { validationProblem } from '../validation/zod-validation.pipe';
import { nestsDeeperThan } from './json-nesting';

export interface JsonBodyOptions {
  /** Largest body accepted, in bytes; beyond, 413. */
  readonly limitBytes: number;
  /** Deepest nesting of arrays and objects accepted; beyond, 400. */
  readonly maxDepth: number;
  /**
   * Routes that need the exact bytes as well as the parsed value (a payment provider's webhook
   * signs the raw body): the middleware keeps them in `request.rawBody`.
   */
  readonly keepsRawBody: (request: HttpRequest) => boolean;
}

/**
 * The paths whose raw body is kept: Stripe's webhook, whose signature covers the exact bytes.
 * Matched exactly, before routing: any other spelling reaches the route without `rawBody`,
 * which then refuses it (it cannot verify), so a mismatch fails closed.
 */
const RAW_BODY_PATHS: ReadonlySet<string> = new Set(['/api/webhooks/stripe']);

const pathOf = (request: HttpRequest): string => (request.url ?? '').split('?', 1)[0] ?? '';

/** 1 MiB: a campaign with its story and tiers is a few tens of KiB. */
export const DEFAULT_JSON_BODY_OPTIONS: JsonBodyOptions = {
  limitBytes: 1024 * 1024,
  maxDepth: 32,
  keepsRawBody: (request) => RAW_BODY_PATHS.has(pathOf(request)),
};

/** `application/json` and the structured `application/*+json` types (e.g. `application/merge-patch+json`). */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;

type WritableRequest = { -readonly [K in keyof HttpRequest]: HttpRequest[K] };

/**
 * The gateway's only body parser, in place of Nest's (which it turns off): bodies are JSON in
 * UTF-8 or refused (415), at most `limitBytes` (413), nested at most `maxDepth` deep — checked
 * on the text before `JSON.parse`, so nothing that reads the body later (the idempotency
 * fingerprint, zod, a logger) can be made to recurse without end. A request without a body
 * passes with `body` undefined.
 */
export function jsonBodyParser(options: JsonBodyOptions = DEFAULT_JSON_BODY_OPTIONS) {
  return (request: HttpRequest, _response: HttpResponse, next: NextFunction): void => {
    if (!hasBody(request)) return next();
    const refusal = refusedMediaType(request);
    if (refusal) return discardThen(request, () => next(refusal));
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > options.limitBytes) return discardThen(request, () => next(tooLarge(options.limitBytes)));
    readAtMost(request, options.limitBytes, (read) => {
      if (read === 'too large') return next(tooLarge(options.limitBytes));
      // The client went away mid-body: a 400 nobody will read, rather than a 500 in the logs.
      if (read instanceof Error)
        return next(validationProblem('body', [{ field: 'body', message: 'could not be read to its end' }]));
      try {
        const parsed = parseJson(read, options.maxDepth);
        const writable = request as WritableRequest;
        writable.body = parsed;
        if (options.keepsRawBody(request)) writable.rawBody = read;
        next();
      } catch (error) {
        next(error);
      }
    });
  };
}

/** As `type-is` decides for body parsers: a declared length other than 0, or a chunked body. */
const hasBody = (request: IncomingMessage): boolean =>
  request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] ?? '0') !== '0';

function refusedMediaType(request: IncomingMessage): ProblemException | undefined {
  const [mediaType = '', ...parameters] = (request.headers['content-type'] ?? '').split(';');
  const charset = parameters
    .map((parameter) => parameter.trim().toLowerCase())
    .find((parameter) => parameter.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (
    JSON_MEDIA_TYPE.test(mediaType.trim().toLowerCase()) &&
    (charset === undefined || charset === 'utf-8') &&
    encoding === 'identity'
  )
    return undefined;
  return new ProblemException({
    type: 'urn:elan:problem:unsupported-media-type',
    title: 'The request body must be JSON',
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    detail: 'Send the body as application/json in UTF-8, uncompressed.',
  });
}

const tooLarge = (limitBytes: number): ProblemException =>
  new ProblemException({
    type: 'urn:elan:problem:body-too-large',
    title: 'The request body is too large',
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    detail: `The request body may hold at most ${limitBytes} bytes.`,
  });

/** Reads the body, or says it passed `limitBytes` (the rest is read off and dropped), or why reading failed. */
function readAtMost(request: IncomingMessage, limitBytes: number, done: (read: Buffer | 'too large' | Error) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let finished = false;
  const finish = (read: Buffer | 'too large' | Error): void => {
    if (finished) return;
    finished = true;
    done(read);
  };
  request.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received <= limitBytes) chunks.push(chunk);
  });
  request.once('end', () => finish(received <= limitBytes ? Buffer.concat(chunks) : 'too large'));
  request.once('error', (error) => finish(error));
}

/**
 * Answers only once the client has sent its whole request, as body parsers do: a client still
 * writing when the connection answers and closes would see a reset, not the problem.
 */
function discardThen(request: IncomingMessage, answer: () => void): void {
  let answered = false;
  const once = (): void => {
    if (!answered) answer();
    answered = true;
  };
  request.once('end', once);
  request.once('error', once);
  request.resume();
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function parseJson(bytes: Buffer, maxDepth: number): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw validationProblem('body', [{ field: 'body', message: 'is not valid UTF-8' }]);
  }
  if (nestsDeeperThan(text, maxDepth))
    throw validationProblem('body', [{ field: 'body', message: `nests arrays and objects deeper than ${maxDepth} levels` }]);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw validationProblem('body', [{ field: 'body', message: 'is not valid JSON' }]);
  }
}
