import { runMain } from '@elan/service-kit';
import { tippingConfigFromEnv, startTippingService } from './tipping-service';

/**
 * The tipping service on its own, as deployed or as a test spawns it:
 *
 *   node -r @swc-node/register services/tipping/src/main.ts
 *
 * with DATABASE_URL, NATS_URL, and optionally TIPPING_SCHEMA (`tipping`), TIPPING_POOL_SIZE,
 * SHUTDOWN_GRACE_MS, NATS_NKEY_SEED(_FILE), TIP_SUGGESTION_SHARES_BPS, TIP_SUGGESTION_STEP,
 * TIP_SUGGESTION_MAX_SHARE_BPS, and STRIPE_SECRET_KEY with STRIPE_API_URL (the emulator) for the
 * tip refunds. Says 'ready' under `fork`; stops on SIGTERM.
 */
runMain('tipping service', () => {
  const config = tippingConfigFromEnv(process.env);
  return startTippingService(config).then((service) => ({
    description: `schema ${config.schema}`,
    close: () => service.close(),
  }));
});
