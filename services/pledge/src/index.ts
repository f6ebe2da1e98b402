/** The pledge service as others start it (`npm start`, end-to-end tests). */
export { pledgeConfigFromEnv, startPledgeService, type PledgeConfig, type PledgeServiceOptions } from './app/pledge-service';
