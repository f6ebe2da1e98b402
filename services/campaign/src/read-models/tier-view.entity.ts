import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TierStatus } from '../campaign/campaign.values';
import { safeInteger } from './safe-integer.transformer';

/** A reward tier on its campaign's page, with the units its stock has handed out. */
@Entity({ name: 'read_campaign_tiers' })
export class TierView {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @PrimaryColumn({ name: 'tier_id', type: 'uuid' })
  tierId!: string;

  /** The campaign stream position of `TierAdded`: tiers show in the order they were added. */
  @Column({ type: 'bigint', transformer: safeInteger })
  position!: number;

  @Column({ name: 'minimum_amount', type: 'bigint', transformer: safeInteger })
  minimumAmount!: number;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  /** Null: unlimited. */
  @Column({ name: 'quantity_limit', type: 'integer', nullable: true })
  quantityLimit!: number | null;

  /** Units held or confirmed (tier stock events); a released unit is back in stock. */
  @Column({ name: 'units_taken', type: 'integer' })
  unitsTaken!: number;

  /** `YYYY-MM`. */
  @Column({ name: 'estimated_delivery', type: 'text', nullable: true })
  estimatedDelivery!: string | null;

  @Column({ type: 'text' })
  status!: TierStatus;
}
