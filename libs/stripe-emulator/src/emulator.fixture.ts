import type Stripe from 'stripe';
import { startStripeEmulator, type RunningStripeEmulator, type StripeEmulatorOptions } from './emulator';
import { unbalancedBooks } from './books';
import { stripeClientFor } from './stripe-client';

/** One spec file's emulator, and an SDK client on it that never retries by itself (failures stay visible). */
export interface EmulatorBed {
  readonly emulator: RunningStripeEmulator;
  readonly stripe: Stripe;
}

/**
 * Starts an emulator before the file's tests and stops it after them; read `bed.emulator` and
 * `bed.stripe` inside tests (they exist once `beforeAll` ran). The file ends by checking that the
 * emulator's books balance to the cent after everything its tests moved.
 */
export function emulatorForThisFile(options?: StripeEmulatorOptions): EmulatorBed {
  let running: EmulatorBed | undefined;
  beforeAll(async () => {
    const emulator = await startStripeEmulator(options);
    running = { emulator, stripe: stripeClientFor(emulator, { maxNetworkRetries: 0 }) };
  });
  afterAll(async () => {
    if (!running) return;
    const problems = unbalancedBooks(await running.emulator.control.state());
    await running.emulator.stop();
    expect(problems).toEqual([]);
  });
  const started = (): EmulatorBed => {
    if (!running) throw new Error('the emulator starts in beforeAll: use it inside a test');
    return running;
  };
  return {
    get emulator() {
      return started().emulator;
    },
    get stripe() {
      return started().stripe;
    },
  };
}
