export * from './tip-rules';
export * from './tip.commands';
export * from './tip.events';
export * from './tip.state';
export * from './tip.decide';
export * from './tip.decider';
export * from './tip-suggestions';
export * from './tip-ledger';
