import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { HEADER } from '@elan/messaging';
import { withCorrelation } from '@elan/observability';

/**
 * Runs each request handler of a service in the correlation id its caller sent
 * (`Elan-Correlation-Id`: the gateway's request id), so the handler's log lines name the HTTP
 * request that caused them. Requests without one run as before.
 */
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const headers = context.switchToRpc().getContext<NatsContext | undefined>()?.getHeaders?.();
    const correlationId = headers?.get(HEADER.correlationId) || undefined;
    if (!correlationId) return next.handle();
    return new Observable((subscriber) => withCorrelation(correlationId, () => next.handle().subscribe(subscriber)));
  }
}
