import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { connect, type NatsConnection as Connection } from 'nats';
import { closeNatsConnection, reasonOf, withTimeout } from '@elan/messaging';
import { hostOf, natsConnectionOptions } from '@elan/service-kit';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';

/**
 * The gateway's connection to NATS. The gateway starts even when NATS is not up yet (its health
 * check then says so): the connection is opened at start-up if possible, otherwise on first
 * use. Once open, the client reconnects by itself for as long as the gateway runs.
 */
@Injectable()
export class NatsConnection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NatsConnection.name);
  private current: Connection | undefined;
  private opening: Promise<Connection> | undefined;
  private shuttingDown = false;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  /** The open connection, opening it first if needed. */
  get(): Promise<Connection> {
    if (this.shuttingDown) return Promise.reject(new Error('the gateway is shutting down'));
    if (this.current && !this.current.isClosed()) return Promise.resolve(this.current);
    this.opening ??= this.open().finally(() => (this.opening = undefined));
    return this.opening;
  }

  /** Resolves when the server answers a round trip within `timeoutMs`. */
  async ping(timeoutMs: number): Promise<void> {
    const message = `NATS did not answer within ${timeoutMs} ms`;
    const connection = await withTimeout(this.get(), timeoutMs, message);
    await withTimeout(connection.rtt(), timeoutMs, message);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.get().catch((error: unknown) => {
      const where = hostOf(this.config.natsUrl);
      this.logger.warn(`NATS at ${where} is not reachable yet (${reasonOf(error)}); retrying on use`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await this.opening?.catch(() => undefined);
    const connection = this.current;
    this.current = undefined;
    if (!connection) return;
    await closeNatsConnection(connection);
  }

  private async open(): Promise<Connection> {
    // The gateway's NATS user (its NKey) and its own inboxes, where the replies arrive.
    const options = natsConnectionOptions({
      url: this.config.natsUrl,
      peer: 'gateway',
      seed: this.config.natsSeed,
      timeoutMs: 2_000,
    });
    const connection = await connect(options);
    if (this.shuttingDown) {
      await connection.close();
      throw new Error('the gateway is shutting down');
    }
    this.current = connection;
    return connection;
  }
}
