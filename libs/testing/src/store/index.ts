export * from './test-schema';
export * from './test-store';
export * from './behind-the-store';
