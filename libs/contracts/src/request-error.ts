import { z } from 'zod';
import type { DomainErrorCode } from '@elan/domain-kernel';

// One entry per kernel code: a new DomainErrorCode fails to compile here until replies carry it.
const DOMAIN_ERROR_CODES = {
  validation_failed: true,
  not_found: true,
  illegal_state: true,
  concurrency_conflict: true,
  forbidden: true,
} satisfies Record<DomainErrorCode, true>;

/**
 * The codes an error reply may carry: every `DomainError` code, plus `internal_error` for a
 * failure the answering service did not foresee (its details stay in that service's log).
 */
export const REQUEST_ERROR_CODES = [...(Object.keys(DOMAIN_ERROR_CODES) as DomainErrorCode[]), 'internal_error'] as const;

export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];

/**
 * The typed error of a reply, the same for every request: callers match on `code`, never on
 * the message, and rethrow it as the `DomainError` of that code.
 */
export const requestErrorSchema = z.object({
  code: z.enum(REQUEST_ERROR_CODES).describe('Stable code of the error; the caller maps it to its DomainError.'),
  message: z.string().describe('What went wrong, for people; never matched on.'),
  details: z
    .record(z.string(), z.unknown())
    .describe('Facts the caller may use, e.g. the invalid fields (`issues`) of validation_failed.'),
});

export type RequestError = z.infer<typeof requestErrorSchema>;
