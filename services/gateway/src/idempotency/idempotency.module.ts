import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyRecords } from './idempotency.repository';
import { RequestFingerprints } from './request-fingerprints';

/** `Idempotency-Key` honoured on every POST of the gateway (records in PostgreSQL). */
@Module({
  providers: [IdempotencyRecords, RequestFingerprints, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
})
export class IdempotencyModule {}
