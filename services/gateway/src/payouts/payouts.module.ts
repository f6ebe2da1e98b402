import { Module } from '@nestjs/common';
import { PayoutAccountHttpController } from './payout-account.http.controller';
import { PayoutStatementsHttpController } from './payout-statements.http.controller';

/**
 * The payout routes of the public API (the caller's payout account, the statements of campaigns):
 * thin controllers asking the payout service (`RequestClient`).
 */
@Module({ controllers: [PayoutAccountHttpController, PayoutStatementsHttpController] })
export class PayoutsModule {}
