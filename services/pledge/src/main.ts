import { runMain } from '@elan/service-kit';
import { pledgeConfigFromEnv, startPledgeService } from './app/pledge-service';

/**
 * The pledge service on its own, as deployed or as a test spawns it:
 *
 *   node -r @swc-node/register services/pledge/src/main.ts
 *
 * with DATABASE_URL, NATS_URL, and optionally PLEDGE_SCHEMA (`pledge`), PLEDGE_POOL_SIZE,
 * SHUTDOWN_GRACE_MS, NATS_NKEY_SEED(_FILE). Says 'ready' under `fork`; stops on SIGTERM.
 */
runMain('pledge service', () => {
  const config = pledgeConfigFromEnv(process.env);
  return startPledgeService(config).then((service) => ({ description: `schema ${config.schema}`, close: () => service.close() }));
});
