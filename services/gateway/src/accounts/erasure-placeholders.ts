import { createHash } from 'node:crypto';

/** What an erased account shows instead of a name. */
export const ERASED_DISPLAY_NAME = 'erased';

/**
 * The placeholders of an erased account. The e-mail column is unique and not null, so each
 * erased account needs an address of its own: a hash of its id (never of the old address, which
 * could be tested against it) under `.invalid`, a top-level domain that can never receive mail
 * (RFC 2606). Someone who registered that very address first would make the erasure fail on the
 * unique index, loudly and changing nothing: registration refuses `.invalid` (`EmailSchema`).
 */
export const erasedAccountFields = (accountId: string): { readonly email: string; readonly displayName: string } => ({
  email: `erased-${createHash('sha256').update(`elan erased account\0${accountId}`).digest('hex').slice(0, 32)}@erased.invalid`,
  displayName: ERASED_DISPLAY_NAME,
});
