export * from './command-handler';
export * from './event';
export { eventStoreMigrations, migrate, type MigrationOptions } from './migrations';
export * from './migration-runner';
export { assertSchemaName } from './schema-name';
export * from './postgres-event-store';
export * from './subscription';
export type { BrokenLink, VerificationReport } from './verify';
export * from './transactions';
