import type { MigrationSteps } from '@elan/event-store';
import { PLEDGE_PAYMENT_EVENT } from './payment-facts';

/**
 * The reconciliation pages through the paid pledges in stream-id order: a partial index of the
 * few events that make a pledge paid, in byte order, lets each page start where the last ended
 * instead of scanning the whole log.
 */
export const paymentFactsMigrations: MigrationSteps = (s) => [
  {
    id: 'pledge-payment-facts/0001-index',
    sql: `CREATE INDEX events_pledge_payments ON ${s}.events ((stream_id COLLATE "C")) WHERE ${PLEDGE_PAYMENT_EVENT};`,
  },
];
