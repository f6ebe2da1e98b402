import { Column, Entity, PrimaryColumn } from 'typeorm';

/** News the holder posted on the campaign page. */
@Entity({ name: 'read_campaign_updates' })
export class CampaignUpdateView {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @PrimaryColumn({ name: 'update_id', type: 'uuid' })
  updateId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'posted_at', type: 'timestamptz' })
  postedAt!: Date;
}
