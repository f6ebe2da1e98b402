import { Module } from '@nestjs/common';
import { PayoutAccountHttpController } from './payout-account.http.controller';

/** The payout routes of the public API (the caller's payout account): thin controllers asking the payout service (`RequestClient`). */
@Module({ controllers: [PayoutAccountHttpController] })
export class PayoutsModule {}
