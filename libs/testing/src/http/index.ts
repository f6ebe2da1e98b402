export * from './cast';
export * from './http-client';
export * from './problem';
