/** One version of a person's data key: 32 random bytes for AES-256-GCM. */
export interface SubjectKey {
  readonly subjectId: string;
  readonly version: number;
  readonly key: Buffer;
}

export interface ErasureRecord {
  readonly subjectId: string;
  readonly erasedAt: Date;
}

/** Where the per-person keys live: `PostgresKeyStore` in a service's schema, a map in unit tests. */
export interface SubjectKeyStore {
  /** The key new values are sealed with, created on first use; `SubjectErasedError` once erased. */
  currentKey(subjectId: string): Promise<SubjectKey>;
  /** A given version, or `undefined` when it does not exist (erased, or never made). */
  keyOf(subjectId: string, version: number): Promise<SubjectKey | undefined>;
  /** Deletes every version of the person's key and records when; idempotent. */
  erase(subjectId: string): Promise<ErasureRecord>;
}
