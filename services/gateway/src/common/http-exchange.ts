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
}

/** Express's response is a Node response with a few helpers; Node's API is all we use. */
export type HttpResponse = ServerResponse;
