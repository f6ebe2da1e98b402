export * from './canonical-json';
export * from './checkpoint';
export * from './consistency';
export * from './keys';
export * from './store-links';
export * from './checkpoint-issuer';
export * from './checkpoint-log';
export * from './transparency.config';
