/**
 * A connection URL fit for logs and console output: the password, if any, becomes `***`.
 * Strings that are not URLs are returned unchanged (they hold no recognisable password).
 */
export function maskUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.password === '') return url;
  parsed.password = '***';
  return parsed.toString();
}

/** The one `reasonOf` of the workspace, for the infra helpers here. */
export { reasonOf } from '@elan/domain-kernel';
