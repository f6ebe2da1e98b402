import { Global, Module } from '@nestjs/common';
import { RequestClient } from '@elan/messaging';
import { NatsConnection } from '../connections/nats.connection';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';

/** Well below the 30 s or more of usual HTTP client and load balancer timeouts. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;

/**
 * The `RequestClient` every feature module asks services with (`requests.request(contract,
 * payload)`), over the gateway's one NATS connection. Errors it throws (domain errors of the
 * services, timeouts, unavailable services) are turned into problems by the global filter.
 */
@Global()
@Module({
  providers: [
    {
      provide: RequestClient,
      inject: [NatsConnection, GATEWAY_CONFIG],
      useFactory: (nats: NatsConnection, config: GatewayConfig): RequestClient =>
        new RequestClient({
          // Asked on each request: NATS may come up after the gateway, or come back.
          connection: () => nats.get(),
          timeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        }),
    },
  ],
  exports: [RequestClient],
})
export class RequestsModule {}
