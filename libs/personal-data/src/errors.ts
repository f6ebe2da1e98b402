import { IllegalStateError, ValidationError } from '@elan/domain-kernel';

/**
 * A sealed value that cannot be trusted: malformed, altered, moved to another person or field,
 * or sealed under a key that is not this subject's. Not the same as erased: tampering is an
 * incident to surface, never something to render as "erased".
 */
export class SealedTextRejectedError extends ValidationError {}

/** New personal data for a person who asked to be erased is refused, not quietly re-keyed. */
export class SubjectErasedError extends IllegalStateError {}
