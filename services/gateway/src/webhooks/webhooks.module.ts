import { Module } from '@nestjs/common';
import { StripeEventIntake } from './stripe-event-intake';
import { StripeEventRelay } from './stripe-event.relay';
import { StripeWebhookHttpController } from './stripe-webhook.http.controller';

/** Stripe's webhook intake: `POST /api/webhooks/stripe`, and the relay that hands its events on (ADR 0021). */
@Module({
  controllers: [StripeWebhookHttpController],
  providers: [StripeEventIntake, StripeEventRelay],
})
export class WebhooksModule {}
