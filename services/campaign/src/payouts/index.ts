export * from './payout-accounts-started';
