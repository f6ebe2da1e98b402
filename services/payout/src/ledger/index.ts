export * from './payout-ledger.events';
export * from './payout-ledger';
