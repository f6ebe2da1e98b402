import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The parts of Express's request the gateway reads, typed here because the workspace does not
 * depend on @types/express (Nest's Express adapter is the only Express code we touch).
 */
export interface HttpRequest extends IncomingMessage {
  /** The path and query as received, before any mount point was stripped. */
  readonly originalUrl: string;
  /** The parsed JSON body; undefined when there was none. */
  readonly body?: unknown;
  /** The client address (honours `trust proxy`). */
  readonly ip?: string;
  /** The body's bytes as received, on the routes that ask for them (`JsonBodyOptions.keepsRawBody`). */
  readonly rawBody?: Buffer;
  /** `https`, also behind a proxy that says so when `trust proxy` is set. */
  readonly secure?: boolean;
}

/** The next step of a middleware; an argument is an error for the exception filter. */
export type NextFunction = (error?: unknown) => void;

/** Express's response is a Node response with a few helpers; Node's API is all we use. */
export type HttpResponse = ServerResponse;
