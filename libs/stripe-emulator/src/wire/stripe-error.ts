/** Stripe's error object: `{ error: { type, code, decline_code, param, message } }` with its HTTP status. */
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: StripeErrorType,
    message: string,
    readonly details: { code?: string; decline_code?: string; param?: string; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
  }

  body(): { error: Record<string, unknown> } {
    const { code, decline_code, param, extra } = this.details;
    return { error: { type: this.type, message: this.message, code, decline_code, param, ...extra } };
  }
}

export const missingResource = (id: string, param = 'id'): StripeApiError =>
  new StripeApiError(404, 'invalid_request_error', `No such ${param === 'id' ? 'object' : param}: '${id}'`, {
    code: 'resource_missing',
    param,
  });

export const invalidRequest = (message: string, param?: string, code = 'parameter_invalid'): StripeApiError =>
  new StripeApiError(400, 'invalid_request_error', message, { code, param });

export const missingParam = (param: string): StripeApiError =>
  new StripeApiError(400, 'invalid_request_error', `Missing required param: ${param}.`, {
    code: 'parameter_missing',
    param,
  });
