export * from './decider-spec';
export * from './wait-until';
export * from './infra';
