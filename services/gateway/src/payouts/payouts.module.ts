import { Module } from '@nestjs/common';
import { AdminPayoutsHttpController } from './admin-payouts.http.controller';
import { PayoutAccountHttpController } from './payout-account.http.controller';
import { PayoutStatementsHttpController } from './payout-statements.http.controller';

/**
 * The payout routes of the public API (the caller's payout account, the statements of campaigns,
 * the unpaid statements admins watch):
 * thin controllers asking the payout service (`RequestClient`).
 */
@Module({ controllers: [PayoutAccountHttpController, PayoutStatementsHttpController, AdminPayoutsHttpController] })
export class PayoutsModule {}
