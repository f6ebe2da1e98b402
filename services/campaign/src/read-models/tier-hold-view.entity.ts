import { Column, Entity, PrimaryColumn } from 'typeorm';
import { safeInteger } from './safe-integer.transformer';

/** Where a pledge's unit of a tier stands, as the tier stock stream last said. */
export type TierHoldStatus = 'held' | 'confirmed' | 'released';

/**
 * One pledge's unit of one tier, mirroring the stock decider's map keyed by pledge: a pledge
 * that reserves again replaces its earlier hold instead of taking a second unit, so counting
 * +1 per reservation would drift. `version` is the `tierstock-<campaignId>_<tierId>` position last applied.
 */
@Entity({ name: 'read_tier_holds' })
export class TierHoldView {
  @PrimaryColumn({ name: 'tier_id', type: 'uuid' })
  tierId!: string;

  @PrimaryColumn({ name: 'pledge_id', type: 'text' })
  pledgeId!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'reservation_id', type: 'text' })
  reservationId!: string;

  @Column({ type: 'text' })
  status!: TierHoldStatus;

  @Column({ type: 'bigint', transformer: safeInteger })
  version!: number;
}
