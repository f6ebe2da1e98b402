export * from './payout-account.commands';
export * from './payout-account.events';
export * from './payout-account.state';
export * from './payout-account.decide';
export * from './payout-account.decider';
export * from './payout-account.explanation';
