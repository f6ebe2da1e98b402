/**
 * How the checkout's card step runs (issue #12, ADR 0030 "The checkout and the card step"):
 * Stripe's Payment Element with a publishable key, or the Stripe emulator's test-card page so the
 * whole journey runs locally, or neither (a site that cannot take cards says so).
 */
export type CardStep =
  | { readonly kind: 'stripe'; readonly publishableKey: string }
  | { readonly kind: 'emulator'; readonly emulatorUrl: string }
  | { readonly kind: 'none' };

/** STRIPE_PUBLISHABLE_KEY (`pk_live_…`, `pk_test_…`) or STRIPE_EMULATOR_URL (the emulator as the BROWSER reaches it). */
export const cardStepFromEnv = (env: NodeJS.ProcessEnv): CardStep => {
  const key = env.STRIPE_PUBLISHABLE_KEY ?? '';
  const emulator = (env.STRIPE_EMULATOR_URL ?? '').replace(/\/+$/, '');
  if (key !== '' && emulator !== '')
    throw new Error('Set STRIPE_PUBLISHABLE_KEY or STRIPE_EMULATOR_URL, not both: the card step goes to one of them');
  if (key !== '') {
    if (!/^pk_(live|test)_[A-Za-z0-9]+$/.test(key))
      throw new Error('STRIPE_PUBLISHABLE_KEY must be a Stripe publishable key (pk_live_… or pk_test_…), never a secret key');
    return { kind: 'stripe', publishableKey: key };
  }
  if (emulator !== '') {
    if (env.NODE_ENV === 'production') throw new Error('STRIPE_EMULATOR_URL is for development and tests, not production');
    if (!URL.canParse(emulator) || !/^https?:$/.test(new URL(emulator).protocol))
      throw new Error(
        `STRIPE_EMULATOR_URL must be the emulator's http(s) origin, got ${JSON.stringify(env.STRIPE_EMULATOR_URL)}`,
      );
    return { kind: 'emulator', emulatorUrl: emulator };
  }
  return { kind: 'none' };
};
