import { authentication } from './authentication.conformance';
import { cardSetups } from './card-setups.conformance';
import type { ConformanceTarget, Controls } from './conformance-target';
import { connect } from './connect.conformance';
import { customersAndCards } from './customers-and-cards.conformance';
import { idempotency } from './idempotency.conformance';
import { payments } from './payments.conformance';
import { refundsAndFees } from './refunds-and-fees.conformance';
import { records } from './records.conformance';

export type { AccountVerificationControl, ConformanceTarget } from './conformance-target';

/**
 * What any `PaymentProvider` must do, written against the port: the emulator run proves the
 * emulator behaves as Stripe, the test-mode run proves it against Stripe itself. `skipBecause`
 * skips every test and says why in the title, so a skipped run is never mistaken for a green one;
 * tests needing the emulator's switches say so in their title and are skipped without them.
 */
export const describePaymentProviderConformance = (
  title: string,
  start: () => Promise<ConformanceTarget>,
  options: {
    /** `emulator`: the target has the emulator's switches; `none` skips the tests that need them. */
    readonly controls: Controls;
    readonly skipBecause?: string;
  },
): void => {
  const describeOrSkip = options.skipBecause === undefined ? describe : describe.skip;
  const fullTitle = options.skipBecause === undefined ? title : `${title} — skipped: ${options.skipBecause}`;
  describeOrSkip(fullTitle, () => {
    let started: ConformanceTarget | undefined;
    beforeAll(async () => {
      started = await start();
    });
    afterAll(async () => {
      await started?.stop();
    });
    const target = (): ConformanceTarget => {
      if (!started) throw new Error('the conformance target did not start');
      return started;
    };

    customersAndCards(target);
    cardSetups(target);
    payments(target);
    authentication(target, options.controls);
    idempotency(target, options.controls);
    refundsAndFees(target);
    connect(target, options.controls);
    records(target, options.controls);
  });
};
