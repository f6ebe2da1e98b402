export * from './http-client';
export * from './problem';
