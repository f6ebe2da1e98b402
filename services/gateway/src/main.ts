import { Logger } from '@nestjs/common';
import { createGateway, listenGateway } from './gateway';
import { gatewayConfigFromEnv, type GatewayConfig } from './gateway.config';

/**
 * The gateway on its own, as deployed: configuration from the environment (DATABASE_URL,
 * NATS_URL, PORT = 3000, HOST), closed cleanly on SIGTERM / SIGINT. For a whole local stack,
 * use `npm start`, which also finds or starts PostgreSQL and NATS.
 */
async function main(config: GatewayConfig): Promise<void> {
  const app = await createGateway(config, { shutdownHooks: true });
  const url = await listenGateway(app, config).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  new Logger('Gateway').log(`listening on ${url} (health: ${url}/health)`);
}

let config: GatewayConfig | undefined;
try {
  config = gatewayConfigFromEnv(process.env);
} catch (error) {
  // Configuration errors (a missing AUTH_SECRET or NATS seed in production…): say which variable, without a stack.
  new Logger('Gateway').error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
if (config)
  main(config).catch((error: unknown) => {
    new Logger('Gateway').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  });
