/** Host and port only: a connection URL may carry credentials, which logs must not. */
export function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : 'the configured URL';
}
