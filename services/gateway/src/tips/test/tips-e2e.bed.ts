import type { INestApplication } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import type Stripe from 'stripe';
import { startStripeEmulator, unbalancedBooks, type RunningStripeEmulator } from '@elan/stripe-emulator';
import { openTestSchema, type SpawnedNatsServer, type TestSchema } from '@elan/testing';
import { startTestGateway, testSchema } from '../../test/test-gateway';
import { PledgeServiceDouble } from './pledge-service-double';
import { ownNatsServer, startTippingProcess } from './tipping-process';

/**
 * Everything the tip routes need, real and of the test file's own: PostgreSQL schemas, a NATS
 * server, the Stripe emulator, the tipping service as a process (its refunds going to the
 * emulator through the official SDK), the gateway, and the test playing the pledge service.
 */
export class TipsE2eBed {
  private constructor(
    private readonly database: TestSchema,
    private readonly nats: SpawnedNatsServer,
    private readonly nc: NatsConnection,
    readonly emulator: RunningStripeEmulator,
    private readonly tipping: { stop(): Promise<void> },
    readonly gateway: INestApplication,
    readonly pledges: PledgeServiceDouble,
  ) {}

  static async start(label: string, options: { firstAdmin?: { email: string; password: string } } = {}): Promise<TipsE2eBed> {
    // The service opens its own pool; this one only drops its schema at the end.
    const database = await openTestSchema({ prefix: 'tipping', poolSize: 1 });
    const nats = await ownNatsServer(label);
    const nc = await connect({ servers: nats.url });
    const emulator = await startStripeEmulator();
    const tipping = await startTippingProcess({
      NATS_URL: nats.url,
      TIPPING_SCHEMA: database.schema,
      SHUTDOWN_GRACE_MS: '0',
      STRIPE_SECRET_KEY: emulator.secretKey,
      STRIPE_API_URL: emulator.url,
    });
    const gateway = await startTestGateway(testSchema(label), {
      natsUrl: nats.url,
      ...(options.firstAdmin && { auth: { firstAdmin: options.firstAdmin } }),
    });
    return new TipsE2eBed(database, nats, nc, emulator, tipping, gateway, new PledgeServiceDouble(nc, emulator));
  }

  /** The emulator's refunds of one payment, by the Élan service that made them. */
  async refundsOf(paymentIntentId: string): Promise<Array<Pick<Stripe.Refund, 'id' | 'amount' | 'metadata'>>> {
    const state = await this.emulator.control.state();
    return Object.values(state.refunds).filter((refund) => refund.payment_intent === paymentIntentId);
  }

  async chargeOf(paymentIntentId: string): Promise<Stripe.Charge | undefined> {
    const state = await this.emulator.control.state();
    return Object.values(state.charges).find((charge) => charge.payment_intent === paymentIntentId);
  }

  /** Where the emulator's books disagree with themselves; every money test ends expecting none. */
  async unbalancedBooks(): Promise<string[]> {
    return unbalancedBooks(await this.emulator.control.state());
  }

  /** Stops everything; throws when the emulator's books do not balance after all the file's tests moved. */
  async close(): Promise<void> {
    const problems = await this.unbalancedBooks();
    await this.gateway?.close();
    await this.tipping.stop();
    await this.nc.close();
    await this.emulator.stop();
    await this.nats.stop();
    await this.database.dispose();
    if (problems.length > 0) throw new Error(`the emulator's books do not balance:\n${problems.join('\n')}`);
  }
}
