import { Module } from '@nestjs/common';
import { ReconciliationHttpController } from './reconciliation.http.controller';

/** The admins' reconciliation routes: a thin controller asking the payout service (`RequestClient`). */
@Module({ controllers: [ReconciliationHttpController] })
export class ReconciliationModule {}
