export * from './command-handler';
export * from './event';
export { migrate, type MigrationOptions } from './migrations';
export * from './postgres-event-store';
export * from './subscription';
export type { BrokenLink, VerificationReport } from './verify';
export * from './transactions';
