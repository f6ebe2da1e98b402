export * from './elan-metadata';
export * from './idempotency-key';
export * from './payment-errors';
export * from './payment-provider';
export * from './payment-types';
export * from './stripe-money';
export * from './stripe/stripe-payment-provider';
export * from './stripe/stripe-connection';
