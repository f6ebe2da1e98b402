import { STATUS_CODES } from 'node:http';
import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { problemForFailure } from './failure-problems';
import { PROBLEM_JSON, ProblemException, type ProblemDetails } from './problem-details';

/**
 * Turns every error into an RFC 7807 problem (`application/problem+json`): Nest's HTTP
 * exceptions (404 for unknown routes included) keep their status and message; domain errors
 * and failed requests to services get the status of their code (`failure-problems.ts`);
 * anything else is a 500 whose details stay in the log, never in the response.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const http = host.switchToHttp();
    const request: unknown = http.getRequest();
    const response: unknown = http.getResponse();
    const instance = String(httpAdapter.getRequestUrl(request));
    const problem: ProblemDetails = { ...this.problemFor(exception), instance };

    if (httpAdapter.isHeadersSent(response)) {
      // Too late for a problem document: all that can be done is to end the response.
      httpAdapter.end(response);
      return;
    }
    // Not `reply()`: Express's adapter would replace the problem+json content type.
    httpAdapter.setHeader(response, 'Content-Type', `${PROBLEM_JSON}; charset=utf-8`);
    httpAdapter.status(response, problem.status);
    httpAdapter.end(response, JSON.stringify(problem));
  }

  private problemFor(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof HttpException) return fromHttpException(exception);
    const failure = problemForFailure(exception);
    if (failure) return failure;
    const clientError = exposedClientError(exception);
    if (clientError) return clientError;

    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : `non-error thrown: ${String(exception)}`,
    );
    return {
      type: 'about:blank',
      title: STATUS_CODES[HttpStatus.INTERNAL_SERVER_ERROR] ?? 'Internal Server Error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'An unexpected error occurred. It has been logged.',
    };
  }
}

function fromHttpException(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const body = exception.getResponse();
  const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
  const problem: ProblemDetails = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status };
  if (typeof message === 'string') return { ...problem, detail: message };
  // Validation errors come as a list of messages.
  if (Array.isArray(message)) return { ...problem, detail: message.join('; '), errors: message };
  return problem;
}

/**
 * Errors raised before routing by Express middleware, such as a malformed JSON body, follow
 * the `http-errors` convention: a 4xx `status` and `expose: true` when the message is safe.
 */
function exposedClientError(exception: unknown): ProblemDetails | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { status, expose } = exception as { status?: unknown; expose?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) return undefined;
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail: exception.message };
}
