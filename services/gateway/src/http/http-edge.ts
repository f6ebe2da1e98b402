import type { INestApplication } from '@nestjs/common';
import { DEFAULT_JSON_BODY_OPTIONS, jsonBodyParser, type JsonBodyOptions } from './json-body.middleware';
import { securityHeaders } from './security-headers';
import { storableTextOnly } from './storable-text.middleware';

/**
 * What every request meets before Nest routes it, in this order: the security headers (so that
 * refusals carry them too), the JSON body parser with its limits, and the refusal of text
 * PostgreSQL cannot store. Errors go to the problem-details filter like any other.
 *
 * Registered on the application before `init()`, so these come before anything Nest adds;
 * `createGateway` also turns Nest's own body parsers off (a body read here is never read again).
 */
export function guardTheEdge(app: INestApplication, body: JsonBodyOptions = DEFAULT_JSON_BODY_OPTIONS): void {
  app.use(securityHeaders());
  app.use(jsonBodyParser(body));
  app.use(storableTextOnly());
}
