/** The tipping service as others start it (`npm start`, end-to-end tests). */
export { tippingConfigFromEnv, startTippingService, type TippingConfig } from './tipping-service';
