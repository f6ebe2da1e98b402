import { Logger } from '@nestjs/common';
import { createGateway, listenGateway } from './gateway';
import { gatewayConfigFromEnv } from './gateway.config';

/**
 * The gateway on its own, as deployed: configuration from the environment (DATABASE_URL,
 * NATS_URL, PORT = 3000, HOST), closed cleanly on SIGTERM / SIGINT. For a whole local stack,
 * use `npm start`, which also finds or starts PostgreSQL and NATS.
 */
async function main(): Promise<void> {
  const config = gatewayConfigFromEnv(process.env);
  const app = await createGateway(config, { shutdownHooks: true });
  const url = await listenGateway(app, config).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  new Logger('Gateway').log(`listening on ${url} (health: ${url}/health)`);
}

main().catch((error: unknown) => {
  new Logger('Gateway').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
