import type { MigrationSteps } from '@elan/event-store';
import { TIP_PAYMENT_EVENT } from './tip-payment-facts';

/**
 * The reconciliation pages through the paid tips in stream-id order: a partial index of their
 * payments, in byte order, lets each page start where the last ended instead of scanning the log.
 */
export const tipPaymentFactsMigrations: MigrationSteps = (s) => [
  {
    id: 'tip-payment-facts/0001-index',
    sql: `CREATE INDEX events_tip_payments ON ${s}.events ((stream_id COLLATE "C")) WHERE ${TIP_PAYMENT_EVENT};`,
  },
];
