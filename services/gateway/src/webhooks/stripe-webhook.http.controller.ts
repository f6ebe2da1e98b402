import { elanMetrics } from '@elan/observability';
import { Controller, Headers, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpRequest } from '../common/http-exchange';
import { NeverReplayed } from '../idempotency/never-replayed.decorator';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { StripeEventIntake } from './stripe-event-intake';

/** What Stripe reads of the answer: a 2xx. `duplicate` says the event was recorded before. */
interface Receipt {
  readonly received: true;
  readonly duplicate: boolean;
}

/**
 * Stripe's webhook endpoint, public: Stripe sends no bearer, its signature is the credential.
 * The JSON body parser keeps this route's exact bytes (`keepsRawBody`), which the signature covers.
 */
@ApiTags('webhooks')
@Controller('webhooks')
export class StripeWebhookHttpController {
  constructor(private readonly intake: StripeEventIntake) {}

  @Post('stripe')
  @HttpCode(HttpStatus.OK)
  // Stripe's redeliveries are told apart by the event id, not by an Idempotency-Key.
  @NeverReplayed()
  @ApiOperation({
    summary: 'Receive a Stripe event (for Stripe only)',
    description:
      'Verifies `Stripe-Signature` on the raw body (300 s tolerance), records the event once by its id, answers, ' +
      'then hands it on over NATS to the service that owns its object (`elan.gateway.StripeEventReceived.v1`).',
  })
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: 'Stripe’s `t=…,v1=…` signature of the body.' })
  @ApiOkResponse({ description: 'Recorded now, or before (`duplicate: true`)' })
  @ApiProblem(400, 'Missing, forged or stale signature, or not a Stripe event: nothing is recorded')
  @ApiProblem(503, 'No webhook secret configured: nothing is recorded, Stripe retries')
  async receive(@Req() request: HttpRequest, @Headers('stripe-signature') signature?: string): Promise<Receipt> {
    const outcome = await this.intake.receive(request.rawBody, signature).catch((error: unknown) => {
      elanMetrics.webhookEvents.inc({ outcome: 'refused' });
      throw error;
    });
    elanMetrics.webhookEvents.inc({ outcome: outcome === 'duplicate' ? 'duplicate' : 'recorded' });
    return { received: true, duplicate: outcome === 'duplicate' };
  }
}
