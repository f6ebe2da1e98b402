import { runMain } from '@elan/service-kit';
import { createGateway, listenGateway } from './gateway';
import { gatewayConfigFromEnv } from './gateway.config';

/**
 * The gateway on its own, as deployed: configuration from the environment (DATABASE_URL,
 * NATS_URL, PORT = 3000, HOST), closed cleanly on SIGTERM / SIGINT by `runMain`. For a whole
 * local stack, use `npm start`, which also finds or starts PostgreSQL and NATS.
 */
runMain('gateway', () => {
  const config = gatewayConfigFromEnv(process.env);
  return createGateway(config).then(async (app) => {
    const url = await listenGateway(app, config).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
    return { description: `listening on ${url} (health: ${url}/health)`, close: () => app.close() };
  });
});
