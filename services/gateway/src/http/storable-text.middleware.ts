import type { HttpRequest, HttpResponse, NextFunction } from '../common/http-exchange';
import { validationProblem, type FieldError } from '../validation/zod-validation.pipe';
import { unstorableBecause, unstorableFields } from './storable-text';

/**
 * Refuses, for every route, text that PostgreSQL cannot store (`storable-text.ts`): in the
 * path, the query string and the JSON body (keys too), with a 400 problem naming the field.
 * Runs after the body parser and before routing, so no handler — present or future — sees it.
 * (Headers the gateway stores are checked where they are read: `Idempotency-Key` must be
 * visible ASCII.)
 */
export function storableTextOnly() {
  return (request: HttpRequest, _response: HttpResponse, next: NextFunction): void => {
    const [path = '', query = ''] = splitOnce(request.originalUrl, '?');
    const pathErrors = unstorablePath(path);
    if (pathErrors.length > 0) return next(validationProblem('path', pathErrors));
    const queryErrors = unstorableQuery(query);
    if (queryErrors.length > 0) return next(validationProblem('query', queryErrors));
    const bodyErrors = unstorableFields(request.body, 'body');
    if (bodyErrors.length > 0) return next(validationProblem('body', bodyErrors));
    next();
  };
}

/**
 * Each path segment as the router will decode it. Before routing, parameters have no names yet:
 * the problem names the path and the segment's position. A segment that is not valid
 * percent-encoded UTF-8 is refused here too, where Express's router would throw an error with
 * no status a client may see (a 500).
 */
function unstorablePath(path: string): FieldError[] {
  return path.split('/').flatMap((segment, position): FieldError[] => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return [{ field: 'path', message: `segment ${position} is not valid percent-encoded UTF-8` }];
    }
    const why = unstorableBecause(decoded);
    return why === undefined ? [] : [{ field: 'path', message: `segment ${position} ${why}` }];
  });
}

const splitOnce = (text: string, separator: string): [string, string] => {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
};

/**
 * The query's names and values, decoded as the router will. A sequence that is not UTF-8
 * (`%ED%A0%80`, half a surrogate pair) would be replaced by U+FFFD there and reach the handler
 * as text the client never meant: it is refused, like in the path.
 */
function unstorableQuery(query: string): FieldError[] {
  const parameters: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const [rawName, rawValue] = splitOnce(pair, '=');
    const name = decodeQueryPart(rawName);
    const value = decodeQueryPart(rawValue);
    if (name === undefined || value === undefined) {
      errors.push({ field: name ?? 'query', message: 'is not valid percent-encoded UTF-8' });
      continue;
    }
    // Repeated names: each value is checked, the name is reported once.
    parameters[name] = (parameters[name] ?? '') + value;
  }
  return [...errors, ...unstorableFields(parameters, 'query')];
}

const decodeQueryPart = (text: string): string | undefined => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
};
