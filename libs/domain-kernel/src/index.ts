export * from './clock';
export * from './decider';
export * from './errors';
export * from './ids';
export * from './money';
export * from './reason-of';
