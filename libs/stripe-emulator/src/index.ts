export { startStripeEmulator, EUROPEAN_CARD_FEES, type StripeEmulatorOptions, type RunningStripeEmulator } from './emulator';
export { StripeEmulatorControl } from './control/client';
export type { FaultRule } from './control/faults';
export type { DeliveryAttempt, RetryPolicy } from './webhooks/deliverer';
export type { Verification } from './resources/accounts';
export type { EmulatorData } from './state';
export type { Fees } from './context';
export { TEST_CARDS, type TestCard } from './test-cards';
export { stripeClientFor } from './stripe-client';
