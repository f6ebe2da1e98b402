import { runMain } from '@elan/service-kit';
import { payoutConfigFromEnv, startPayoutService } from './payout-service';

/**
 * The payout service on its own, as deployed or as a test spawns it:
 *
 *   node -r @swc-node/register services/payout/src/main.ts
 *
 * with DATABASE_URL, NATS_URL, STRIPE_SECRET_KEY (and STRIPE_API_URL for the emulator), and
 * optionally PAYOUT_SCHEMA (`payout`), PAYOUT_POOL_SIZE, SHUTDOWN_GRACE_MS, NATS_NKEY_SEED(_FILE),
 * PUBLIC_BASE_URL, PAYOUT_ONBOARDING_RETURN_URL, PAYOUT_ONBOARDING_REFRESH_URL,
 * PAYOUT_ACCOUNT_COUNTRY. Says 'ready' under `fork`; stops on SIGTERM.
 */
runMain('payout service', () => {
  const config = payoutConfigFromEnv(process.env);
  return startPayoutService(config).then((service) => ({
    description: `schema ${config.schema}`,
    close: () => service.close(),
  }));
});
