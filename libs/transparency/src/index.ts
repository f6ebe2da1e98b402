export * from './canonical-json';
export * from './checkpoint';
export * from './consistency';
export * from './keys';
export * from './store-links';
