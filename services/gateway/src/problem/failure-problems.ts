import { HttpStatus, Logger } from '@nestjs/common';
import { isDomainError, type DomainErrorCode } from '@elan/domain-kernel';
import { DATA_EXCEPTION_MESSAGE, isDataException, RequestFailure, type RequestFailureCode } from '@elan/messaging';
import type { ProblemDetails } from './problem-details';

/**
 * The problem `type` of an error code: `urn:elan:problem:<code>`. As stable as the code itself
 * (the same one the error replies of services carry), so clients may match on either. A URN
 * rather than an https URL: nothing has to be served behind it.
 */
export const problemType = (code: string): string => `urn:elan:problem:${code}`;

type FailureCode = DomainErrorCode | RequestFailureCode;

const PROBLEMS: Readonly<Record<FailureCode, { readonly status: HttpStatus; readonly title: string }>> = {
  validation_failed: { status: HttpStatus.BAD_REQUEST, title: 'The request is invalid' },
  forbidden: { status: HttpStatus.FORBIDDEN, title: 'This action is forbidden' },
  not_found: { status: HttpStatus.NOT_FOUND, title: 'The resource does not exist' },
  illegal_state: { status: HttpStatus.CONFLICT, title: 'This action is not allowed in the current state' },
  concurrency_conflict: { status: HttpStatus.CONFLICT, title: 'The resource was changed at the same time' },
  remote_failure: { status: HttpStatus.BAD_GATEWAY, title: 'A service failed' },
  service_unavailable: { status: HttpStatus.SERVICE_UNAVAILABLE, title: 'A service is unavailable' },
  request_timeout: { status: HttpStatus.GATEWAY_TIMEOUT, title: 'A service did not answer in time' },
};

/**
 * What the client is told when a request to a service failed. The error's own message names
 * subjects and services: it goes to the log, and the client gets a sentence that leaks nothing.
 */
const FAILURE_DETAILS: Readonly<Record<RequestFailureCode, string>> = {
  request_timeout: 'A service needed for this request did not answer in time; it may still have acted. Retry later.',
  service_unavailable: 'A service needed for this request is unavailable. Retry later.',
  remote_failure: 'A service needed for this request failed. It has been logged.',
};

const logger = new Logger('ProblemDetails');

/**
 * The problem for a `DomainError` (thrown in the gateway, or rethrown from a service's error
 * reply by the `RequestClient`), a `RequestFailure`, or a PostgreSQL data exception (SQLSTATE
 * class 22: a value of the request the database could not take, a 400 like any invalid input);
 * `undefined` for anything else. Domain errors are answers meant for the caller: their message
 * and details are passed on.
 */
export function problemForFailure(exception: unknown): ProblemDetails | undefined {
  if (isDomainError(exception)) {
    const { status, title } = PROBLEMS[exception.code];
    const details = Object.keys(exception.details).length > 0 ? { details: exception.details } : {};
    return { type: problemType(exception.code), title, status, detail: exception.message, code: exception.code, ...details };
  }
  if (exception instanceof RequestFailure) {
    const { status, title } = PROBLEMS[exception.code];
    const log = exception.code === 'remote_failure' ? logger.error.bind(logger) : logger.warn.bind(logger);
    log(`${exception.name} on ${exception.subject}: ${exception.message}`);
    return { type: problemType(exception.code), title, status, detail: FAILURE_DETAILS[exception.code], code: exception.code };
  }
  if (isDataException(exception)) {
    // The statement and the database's wording may quote SQL and values: log only.
    logger.warn(`a request's value was refused by PostgreSQL: ${String(exception)}`);
    return {
      type: 'urn:elan:problem:validation-failed',
      title: 'The request is invalid',
      status: HttpStatus.BAD_REQUEST,
      detail: `${DATA_EXCEPTION_MESSAGE[0]?.toUpperCase() ?? ''}${DATA_EXCEPTION_MESSAGE.slice(1)}.`,
      errors: [],
    };
  }
  return undefined;
}
