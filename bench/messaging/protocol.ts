/** Messages between the bench (the publishing service) and its child, the consuming service. */

export interface StartEndToEnd {
  readonly kind: 'start-e2e';
  readonly databaseUrl: string;
  readonly natsUrl: string;
  readonly runId: string;
  readonly schema: string;
  readonly durableName: string;
  readonly batchSize: number;
  readonly noAsyncTraces: boolean;
}

export interface StartBaseline {
  readonly kind: 'start-baseline';
  readonly natsUrl: string;
  readonly subject: string;
  readonly durableName: string;
  /** The same pull size and ack window as the DurableConsumer's. */
  readonly maxMessages: number;
  readonly maxAckPending: number;
  readonly noAsyncTraces: boolean;
}

export type Command =
  | StartEndToEnd
  | StartBaseline
  | { readonly kind: 'stop-baseline' }
  | { readonly kind: 'pause-e2e' }
  | { readonly kind: 'resume-e2e' }
  | { readonly kind: 'clock' }
  | { readonly kind: 'window-start' }
  | { readonly kind: 'window-end' }
  | { readonly kind: 'profile-start'; readonly dir: string; readonly name: string }
  | { readonly kind: 'profile-stop' }
  | { readonly kind: 'shutdown' };

export type Request = Command & { readonly id: number };

/** What the consuming service saw during a window, by its own clock. */
export interface WindowReport {
  readonly startedAt: number;
  readonly endedAt: number;
  /** Events whose handler transaction committed in the window. */
  readonly effects: number;
  /** Messages of the baseline consumer acked in the window. */
  readonly baselineAcks: number;
  /** For each effect committed in the window: commit time − `sentAt`, ms (publisher clock). */
  readonly commitLagsMs: number[];
  /** The same, measured in the handler (before the commit): what it writes in its row. */
  readonly handlerLagsMs: number[];
  readonly transactions: number;
  readonly statements: number;
  /** Time spent between BEGIN and the end of COMMIT, summed over the window's transactions. */
  readonly transactionMs: number;
  readonly cpuUs: number;
}

export type Reply =
  | { readonly kind: 'reply'; readonly id: number; readonly body?: unknown }
  | { readonly kind: 'failed'; readonly id: number; readonly error: string }
  | { readonly kind: 'progress'; readonly effects: number; readonly baselineAcks: number }
  | { readonly kind: 'error'; readonly error: string };
