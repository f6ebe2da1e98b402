import { SetMetadata } from '@nestjs/common';

export const NEVER_REPLAYED = 'elan:idempotency-never-replayed';

/**
 * The route's answer is never kept nor replayed under an `Idempotency-Key`: it holds a secret
 * (an access token) that must not sit in a table for 24 h, nor come back after a logout. The key
 * is still checked for its form, then the request simply runs: fit only for routes that change
 * nothing a second run would repeat (a login issues another token, nothing more).
 */
export const NeverReplayed = (): MethodDecorator => SetMetadata(NEVER_REPLAYED, true);
