/**
 * The message of anything thrown, for one-line logs and diagnostics, with the error's code when
 * the message does not say it. Here, the lowest library, so the infra libraries and the test
 * kit share one (the test kit may not import libs/messaging: messaging's tests import it).
 */
export function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(reasonOf).join('; ');
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message = error.message || (typeof code === 'string' ? code : error.name);
    return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
  }
  return String(error);
}
