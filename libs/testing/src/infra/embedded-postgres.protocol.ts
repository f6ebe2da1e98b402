/**
 * Messages between `startEmbeddedPostgres` and `embedded-postgres.runner.ts` over the IPC
 * channel of the forked runner.
 */

/** The environment variable that carries the runner's `RunnerConfig`, as JSON. */
export const RUNNER_CONFIG_VARIABLE = 'ELAN_EMBEDDED_POSTGRES_CONFIG';

/** What the runner needs to run one cluster. */
export interface RunnerConfig {
  readonly dataDir: string;
  readonly port: number;
  readonly password: string;
  /** Trade crash safety for speed: for throw-away clusters of a test run. */
  readonly fsync: boolean;
}

/** Runner → parent. */
export type RunnerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly reason: string }
  | { readonly type: 'stopped' };

/** Parent → runner. */
export type ParentMessage = { readonly type: 'stop' };

export function isRunnerMessage(value: unknown): value is RunnerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'failed' || type === 'stopped';
}
