import { Module, type DynamicModule } from '@nestjs/common';

/**
 * The notification service as Nest sees it: no request of its own yet (it asks, it is not asked),
 * only its health (`rpc.notification.Health.v1`, from the service kit).
 */
@Module({})
export class NotificationServiceModule {
  static forRoot(): DynamicModule {
    return { module: NotificationServiceModule };
  }
}
