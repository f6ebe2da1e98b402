import { Module } from '@nestjs/common';
import { CampaignLedgerHttpController } from './campaign-ledger.http.controller';
import { TransparencyHttpController } from './transparency.http.controller';

/**
 * The public transparency routes (the platform by month, key, signed checkpoints, money streams'
 * links, a campaign's ledger): thin controllers asking the money services.
 */
@Module({ controllers: [TransparencyHttpController, CampaignLedgerHttpController] })
export class TransparencyModule {}
