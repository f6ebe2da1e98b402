import type { PayloadOf, tierUnitReleased } from '@elan/contracts';
import type { ReleaseReason } from '../tier-stock/tier-stock.events';

type PledgeReleaseReason = PayloadOf<typeof tierUnitReleased>['reason'];

/**
 * Why a unit goes back, in the stock's words (ADR 0007): `abandoned` checkouts stay abandoned;
 * the contributor's own withdrawals (`cancelled`, a `changed` tier, a `refunded` pledge) are
 * `cancelled`; a pledge that did not hold (`late`, `dropped` after failed collections,
 * `released` when the campaign failed or was cancelled) `failed`. `expired` is the stock's
 * own sweep, never the pledge service's.
 */
export const STOCK_REASON_OF: Readonly<Record<PledgeReleaseReason, Exclude<ReleaseReason, 'expired'>>> = {
  abandoned: 'abandoned',
  cancelled: 'cancelled',
  changed: 'cancelled',
  refunded: 'cancelled',
  late: 'failed',
  dropped: 'failed',
  released: 'failed',
};
