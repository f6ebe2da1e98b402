/** Injection tokens for what a service hands the messaging module. */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const PG_POOL = Symbol('PG_POOL');
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
