import { HttpException } from '@nestjs/common';

/** The media type of every error the gateway answers (RFC 7807). */
export const PROBLEM_JSON = 'application/problem+json';

/** An RFC 7807 problem: what every error response of the gateway carries. */
export interface ProblemDetails {
  /** URI naming the kind of problem; `about:blank` when the HTTP status says it all. */
  readonly type: string;
  /** Short summary of the kind of problem, the same for every occurrence. */
  readonly title: string;
  /** The HTTP status code. */
  readonly status: number;
  /** Explanation of this occurrence, for the client. */
  readonly detail?: string;
  /** The request path where it occurred. */
  readonly instance?: string;
  /** Extensions (RFC 7807 §3.2), e.g. the checks of the health endpoint. */
  readonly [extension: string]: unknown;
}

/**
 * Thrown by handlers for an error they describe themselves; the problem-details filter sends it
 * as it is. Other errors are turned into problems by the filter.
 */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemDetails) {
    super(problem, problem.status);
  }
}
