/**
 * Typed errors of the domain. Each carries a stable `code` that crosses process boundaries
 * (request/reply error replies, RFC 7807 `type`), so callers never match on message text.
 */
export type DomainErrorCode = 'validation_failed' | 'not_found' | 'illegal_state' | 'concurrency_conflict' | 'forbidden';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;

  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    // The class name is only for stack traces; `code` is the stable identity.
    this.name = new.target.name;
  }
}

/** Input that breaks a rule of the domain (bad amount, unknown département…). */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed' as const;
}

/** The addressed aggregate or resource does not exist. */
export class NotFoundError extends DomainError {
  readonly code = 'not_found' as const;
}

/** The command is not allowed in the aggregate's current state. */
export class IllegalStateError extends DomainError {
  readonly code = 'illegal_state' as const;
}

/** Someone else changed the stream since it was read: reload and decide again. */
export class ConcurrencyError extends DomainError {
  readonly code = 'concurrency_conflict' as const;
}

/** The actor may not perform this command. */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden' as const;
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
