export * from './connections';
export * from './health';
export * from './host-of';
export * from './run-main';
export * from './service.config';
export * from './start-service';
export * from './stop-stack';
export * from './periodic-rounds';
