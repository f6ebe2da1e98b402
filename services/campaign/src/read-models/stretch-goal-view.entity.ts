import { Column, Entity, PrimaryColumn } from 'typeorm';
import { safeInteger } from './safe-integer.transformer';

/** A further amount the holder promises something for; `reached` is computed when read. */
@Entity({ name: 'read_campaign_stretch_goals' })
export class StretchGoalView {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @PrimaryColumn({ name: 'stretch_goal_id', type: 'uuid' })
  stretchGoalId!: string;

  /** Index in the holder's list. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'bigint', transformer: safeInteger })
  amount!: number;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'text' })
  description!: string;
}
