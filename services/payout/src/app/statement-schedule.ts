/**
 * When keep-it-all statements fall due (PAYOUT_STATEMENT_INTERVAL): `monthly`, on the 1st of each
 * month at 00:00 UTC (the default), or every `ms` milliseconds (tests and demos).
 */
export type StatementInterval = { readonly kind: 'monthly' } | { readonly kind: 'every'; readonly ms: number };

export const MONTHLY: StatementInterval = { kind: 'monthly' };

export const parseStatementInterval = (value: string | undefined): StatementInterval => {
  if (value === undefined || value === '' || value === 'monthly') return MONTHLY;
  if (!/^[1-9][0-9]*$/.test(value)) throw new Error(`PAYOUT_STATEMENT_INTERVAL must be monthly or milliseconds, got ${value}`);
  return { kind: 'every', ms: Number(value) };
};

/** The first statement time strictly after `from`. */
export const nextStatementAt = (from: Date, interval: StatementInterval): Date =>
  interval.kind === 'every'
    ? new Date(from.getTime() + interval.ms)
    : new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
