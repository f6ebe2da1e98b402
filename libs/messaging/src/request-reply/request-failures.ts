import {
  ConcurrencyError,
  ForbiddenError,
  IllegalStateError,
  isDomainError,
  NotFoundError,
  ValidationError,
  type DomainError,
  type DomainErrorCode,
} from '@elan/domain-kernel';
import { requestErrorSchema, type RequestContract, type RequestError } from '@elan/contracts';
import type { z } from 'zod';

/** Codes of the failures that are not the answering service's domain speaking. */
export type RequestFailureCode = 'request_timeout' | 'service_unavailable' | 'remote_failure';

/**
 * A request that got no answer from the service's domain: the transport or the service itself
 * failed. Distinct from `DomainError`s, which are answers (the campaign does not exist…).
 */
export abstract class RequestFailure extends Error {
  abstract readonly code: RequestFailureCode;

  constructor(
    /** The subject that was asked, for logs. */
    readonly subject: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * No reply within the timeout. The service may still have acted: commands sent over
 * request/reply are idempotent (ReserveTierUnit is keyed by pledgeId) so that a retry is safe.
 */
export class RequestTimeoutError extends RequestFailure {
  readonly code = 'request_timeout' as const;
}

/** No replica of the service listens (NATS answered "no responders"), or NATS is unreachable. */
export class ServiceUnavailableError extends RequestFailure {
  readonly code = 'service_unavailable' as const;
}

/** The service answered, but with an internal error or with a reply that breaks the contract. */
export class RemoteServiceError extends RequestFailure {
  readonly code = 'remote_failure' as const;
}

type DomainErrorClass = new (message: string, details?: Readonly<Record<string, unknown>>) => DomainError;

const DOMAIN_ERRORS: Readonly<Record<DomainErrorCode, DomainErrorClass>> = {
  validation_failed: ValidationError,
  not_found: NotFoundError,
  illegal_state: IllegalStateError,
  concurrency_conflict: ConcurrencyError,
  forbidden: ForbiddenError,
};

/** The error reply that carries a domain error across the wire. */
export const errorReplyOf = (error: DomainError): RequestError => ({
  code: error.code,
  message: error.message,
  details: { ...error.details },
});

/** What a caller rethrows for an error reply: the DomainError of its code, else a RemoteServiceError. */
export const errorFromReply = (contract: RequestContract, err: unknown): Error => {
  const parsed = requestErrorSchema.safeParse(err);
  if (!parsed.success)
    return new RemoteServiceError(
      contract.subject,
      `${contract.service} answered ${contract.name} with an error that is not a typed error reply: ${JSON.stringify(err)}`,
    );
  const { code, message, details } = parsed.data;
  if (code === 'internal_error')
    return new RemoteServiceError(contract.subject, `${contract.service} failed to answer ${contract.name}: ${message}`);
  return new DOMAIN_ERRORS[code](message, details);
};

/** One invalid field of a payload: its dotted path (empty for the payload itself) and what is wrong. */
export interface PayloadIssue {
  readonly path: string;
  readonly message: string;
}

/** A `ValidationError` naming every invalid field, in its message and in `details.issues`. */
export const invalidPayload = (what: string, error: z.ZodError): ValidationError => {
  const issues: PayloadIssue[] = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const listed = issues.map((issue) => `${issue.path || '(payload)'}: ${issue.message}`).join('; ');
  return new ValidationError(`${what}: ${listed}`, { issues });
};

/**
 * A PostgreSQL "data exception" (SQLSTATE class 22: invalid text representation, numeric value
 * out of range, datetime overflow, untranslatable character, 22P05…): a value the request
 * carried that the database cannot store or compare. The request is at fault, not the service.
 * Recognised by shape — `pg`'s `DatabaseError` and TypeORM's `QueryFailedError` (which copies
 * the driver error's fields) both carry `code` and `severity` — so no driver is imported here.
 */
export const isDataException = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code) && typeof severity === 'string';
};

/** The SQL, the values and the database's wording stay in the log: the caller learns only this. */
export const DATA_EXCEPTION_MESSAGE = 'the request holds a value out of range or text that cannot be stored';

/**
 * The error a service answers for what a handler threw: a `DomainError` as it is, a data
 * exception as a `ValidationError` (the request is at fault, a retry would fail the same way);
 * `undefined` for anything else, which is the service's own failure (`internal_error`).
 */
export const answerableError = (error: unknown): DomainError | undefined => {
  if (isDomainError(error)) return error;
  if (isDataException(error)) return new ValidationError(DATA_EXCEPTION_MESSAGE);
  return undefined;
};
