/** The payout service as others start it (`npm start`, end-to-end tests). */
export { payoutConfigFromEnv, startPayoutService, type PayoutConfig } from './payout-service';
