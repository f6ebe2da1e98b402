export * from './test-schema';
export * from './test-store';
