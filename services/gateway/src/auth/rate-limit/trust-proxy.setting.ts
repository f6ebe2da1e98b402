import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../gateway.config';

/**
 * Applies `GatewayConfig.trustProxy` to Express, so `request.ip` is the client's address behind
 * a load balancer. Without it every client would share the proxy's address, and one rate limit.
 */
@Injectable()
export class TrustProxySetting implements OnModuleInit {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    if (this.config.trustProxy === undefined) return;
    const express = this.adapterHost.httpAdapter.getInstance<{ set(setting: string, value: unknown): void }>();
    express.set('trust proxy', this.config.trustProxy);
  }
}
