export * from './erased';
export * from './errors';
export * from './in-memory-key-store';
export type { ErasureRecord, SubjectKey, SubjectKeyStore } from './key-store';
export * from './personal-data-vault';
export * from './postgres-key-store';
export * from './sealed-text';
export * from './plaintext-scan';
