/**
 * Why a payment call failed when the answer is not a business outcome (declines and 3-D Secure
 * are outcomes, see `payment-types.ts`):
 * - `idempotency_conflict`: the key was used before with other parameters — a bug, never retried;
 * - `not_found`: no such object at the provider;
 * - `rejected`: the provider refused the request as invalid (`code` and `param` say why);
 * - `unavailable`: network, timeout, rate limit or provider error, after the client's own retries:
 *   the same call with the same key may be tried again later;
 * - `misconfigured`: wrong or missing secret key, or not allowed for this key.
 */
export type PaymentErrorKind = 'idempotency_conflict' | 'not_found' | 'rejected' | 'unavailable' | 'misconfigured';

export class PaymentProviderError extends Error {
  constructor(
    readonly kind: PaymentErrorKind,
    message: string,
    readonly details: { readonly code?: string; readonly param?: string; readonly statusCode?: number } = {},
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'PaymentProviderError';
  }
}

export const isPaymentProviderError = (error: unknown, kind?: PaymentErrorKind): error is PaymentProviderError =>
  error instanceof PaymentProviderError && (kind === undefined || error.kind === kind);
