import { Module } from '@nestjs/common';
import { HealthChecks } from './health.checks';
import { HealthController } from './health.controller';

/** Liveness and readiness of the gateway and of what it depends on. */
@Module({ controllers: [HealthController], providers: [HealthChecks] })
export class HealthModule {}
