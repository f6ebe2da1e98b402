import { Logger } from '@nestjs/common';
import { CAMPAIGN_RULE_SETS, campaignConfigFromEnv, createCampaignService, type CampaignConfig } from './app';

/**
 * The campaign service on its own, as deployed or as an end-to-end test spawns it:
 *
 *   node -r @swc-node/register services/campaign/src/main.ts
 *
 * with DATABASE_URL, NATS_URL, and optionally CAMPAIGN_SCHEMA (`campaign`), CAMPAIGN_RULES
 * (`test` for second-long campaigns), TIER_HOLD_MS. Once it answers requests it logs
 * `campaign service ready` and, when started with an IPC channel (`fork`), sends the parent the
 * message `'ready'`. SIGINT or SIGTERM stop it cleanly; a second signal is reported and ignored.
 */
const logger = new Logger('Campaign');
/** After an orderly stop, anything still holding the process is a bug worth a loud exit. */
const EXIT_WATCHDOG_MS = 10_000;

const rulesName = (config: CampaignConfig): string =>
  Object.entries(CAMPAIGN_RULE_SETS).find(([, rules]) => rules === config.rules)?.[0] ?? 'custom';

function main(): void {
  const config = campaignConfigFromEnv(process.env);
  const starting = createCampaignService(config);
  let stopping: Promise<void> | undefined;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn(`${signal} again: already stopping`);
      return;
    }
    logger.log(`${signal}: stopping`);
    // A signal during start-up waits for the start, then stops what it started.
    stopping = starting
      .then((service) => service.close())
      .then(
        () => {
          logger.log('campaign service stopped');
          // An open IPC channel would keep the process alive once everything else stopped.
          if (process.connected) process.disconnect();
          setTimeout(() => {
            logger.error(`still running ${EXIT_WATCHDOG_MS / 1000} s after stopping: something was left open`);
            process.exit(1);
          }, EXIT_WATCHDOG_MS).unref();
        },
        (error: unknown) => {
          logger.error(error instanceof Error ? error.message : String(error));
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  starting.then(
    () => {
      if (stopping) return;
      logger.log(`campaign service ready (schema ${config.schema}, ${rulesName(config)} rules)`);
      if (process.connected) process.send?.('ready');
    },
    (error: unknown) => {
      logger.error(`campaign service could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}

try {
  main();
} catch (error) {
  // Configuration errors: say which variable, without a stack.
  logger.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
