import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { guardTheEdge } from './http/http-edge';
import { httpMetrics } from './http/http-metrics.middleware';
import { setupOpenApi } from './openapi/openapi';
import type { GatewayConfig } from './gateway.config';

export interface GatewayOptions {
  /** Nest's logger setting; tests pass `false`. Default: log, warn and error. */
  readonly logger?: LoggerService | LogLevel[] | false;
}

/**
 * Builds the gateway application from explicit configuration; call `init()` (tests) or
 * `listen(config.port)` on it, and `close()` it (`runMain` does on SIGTERM / SIGINT). `main.ts`, `npm start` and the tests all go through here.
 */
export async function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    // Throw on a wiring error instead of calling process.exit: the caller decides what to do.
    abortOnError: false,
    // Bodies are read by the gateway's own JSON parser, with its limits (`http/`).
    bodyParser: false,
  });
  configureGateway(app);
  return app;
}

/**
 * The application-wide settings, apart from the module: tests that build the app from a
 * testing module (to add a route of their own) apply the same.
 */
export function configureGateway(app: INestApplication): INestApplication {
  // First, so refusals at the edge are timed and logged with their request id too.
  app.use(httpMetrics());
  guardTheEdge(app);
  app.setGlobalPrefix('api');
  setupOpenApi(app);
  return app;
}

/** Starts listening and returns the base URL of the API, e.g. http://localhost:3000/api. */
export async function listenGateway(app: INestApplication, config: GatewayConfig): Promise<string> {
  await (config.host === undefined ? app.listen(config.port) : app.listen(config.port, config.host));
  const { port } = app.getHttpServer().address() as AddressInfo;
  const anyInterface = config.host === undefined || config.host === '0.0.0.0' || config.host === '::';
  const host = anyInterface ? 'localhost' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/api`;
}
