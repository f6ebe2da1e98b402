import { RetentionPolicy, StorageType, type JetStreamManager } from 'nats';

/** The stream every integration event is published to, and its dead letters. */
export const ELAN_STREAM = 'ELAN';
export const ELAN_SUBJECTS = 'elan.>';
export const DEAD_LETTER_STREAM = 'ELAN_DLQ';
export const DEAD_LETTER_PREFIX = 'dlq';

/** JetStream drops a repeated `Nats-Msg-Id` within this window; consumers de-duplicate beyond it. */
export const DUPLICATE_WINDOW_MS = 2 * 60_000;

const nanos = (ms: number): number => ms * 1_000_000;

/**
 * Creates the streams when missing (idempotent; several services may start at once).
 * File storage: the event store stays the source of truth, but a restart of NATS must not lose
 * what it acknowledged.
 */
export const ensureStreams = async (
  jsm: JetStreamManager,
  options: { readonly duplicateWindowMs?: number } = {},
): Promise<void> => {
  const duplicateWindowMs = options.duplicateWindowMs ?? DUPLICATE_WINDOW_MS;
  await ensureStream(jsm, ELAN_STREAM, ELAN_SUBJECTS, duplicateWindowMs);
  await ensureStream(jsm, DEAD_LETTER_STREAM, `${DEAD_LETTER_PREFIX}.>`, duplicateWindowMs);
};

const ensureStream = async (jsm: JetStreamManager, name: string, subject: string, duplicateWindowMs: number): Promise<void> => {
  const config = {
    name,
    subjects: [subject],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    duplicate_window: nanos(duplicateWindowMs),
  };
  try {
    await jsm.streams.info(name);
  } catch {
    try {
      await jsm.streams.add(config);
    } catch (error) {
      // Another process created it between our look and our add.
      await jsm.streams.info(name).catch(() => {
        throw error;
      });
    }
  }
};
