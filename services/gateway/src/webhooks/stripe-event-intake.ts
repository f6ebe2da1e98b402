import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { z } from 'zod';
import { ConcurrencyError } from '@elan/domain-kernel';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { ProblemException } from '../problem/problem-details';
import { GatewayEventLog } from '../storage/gateway-event-log';
import { fieldErrors, validationProblem } from '../validation/zod-validation.pipe';
import { summariseStripeEvent } from './stripe-event-summary';

/** The type of the events of the gateway's log: one per Stripe event, its stream's only event. */
export const STRIPE_EVENT_RECEIVED = 'StripeEventReceived';

/** Stripe's own tolerance, in seconds: a signature older than this is refused (replayed deliveries). */
export const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

/** One stream per Stripe event: appending at version 0 is what makes a second delivery a no-op. */
export const stripeEventStream = (stripeEventId: string): string => `stripeevent-${stripeEventId}`;

export type IntakeOutcome = 'recorded' | 'duplicate';

const badSignature = (message: string): ProblemException => validationProblem('header', [{ field: 'Stripe-Signature', message }]);

/**
 * The whole of a webhook delivery's work on the request path: verify the signature on the exact
 * bytes, keep what services need, append it once. The relay does the rest, after the answer.
 */
@Injectable()
export class StripeEventIntake {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly log: GatewayEventLog,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | string[] | undefined): Promise<IntakeOutcome> {
    const event = this.verified(rawBody, signature);
    const payload = this.summarised(event);
    const store = await this.log.store();
    try {
      await store.append(stripeEventStream(event.id), [{ type: STRIPE_EVENT_RECEIVED, data: payload }], 'no_stream');
      return 'recorded';
    } catch (error) {
      // Already recorded: a redelivery, or the same event racing itself. Stripe needs a 2xx.
      if (error instanceof ConcurrencyError) return 'duplicate';
      throw error;
    }
  }

  private verified(rawBody: Buffer | undefined, signature: string | string[] | undefined): Stripe.Event {
    const secret = this.config.stripeWebhookSecret;
    // A 5xx: Stripe keeps the event and retries for days, long enough to configure the secret.
    if (secret === undefined)
      throw new ProblemException({
        type: 'urn:elan:problem:webhooks-not-configured',
        title: 'Stripe webhooks are not configured',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: 'This gateway has no STRIPE_WEBHOOK_SECRET: it cannot verify Stripe events.',
      });
    if (typeof signature !== 'string' || signature.length === 0) throw badSignature('is missing');
    if (rawBody === undefined)
      throw validationProblem('body', [{ field: 'body', message: 'is missing: a Stripe event is expected' }]);
    try {
      return Stripe.webhooks.constructEvent(rawBody, signature, secret, STRIPE_SIGNATURE_TOLERANCE_SECONDS);
    } catch {
      // Forged, signed with another secret, or older than the tolerance: the SDK says which in
      // its message, which we keep to ourselves — a forger learns nothing from the answer.
      throw badSignature('does not verify this body with the endpoint’s secret within 300 seconds');
    }
  }

  /** A signed event we cannot summarise is refused too (Stripe retries and shows it failing). */
  private summarised(event: Stripe.Event) {
    try {
      return summariseStripeEvent(event);
    } catch (error) {
      if (error instanceof z.ZodError) throw validationProblem('body', fieldErrors(error, 'body'));
      throw error;
    }
  }
}
