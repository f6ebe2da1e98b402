import Stripe from 'stripe';
import type { RunningStripeEmulator } from './emulator';

/** The official SDK pointed at a running emulator: the way services and tests talk to it. */
export const stripeClientFor = (emulator: RunningStripeEmulator, config: Partial<Stripe.StripeConfig> = {}): Stripe =>
  new Stripe(emulator.secretKey, { host: emulator.host, port: emulator.port, protocol: emulator.protocol, ...config });
