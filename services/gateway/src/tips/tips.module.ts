import { Module } from '@nestjs/common';
import { TipRefundHttpController } from './tip-refund.http.controller';
import { TipsHttpController } from './tips.http.controller';

/** The tip routes of the public API (suggestions, the ledger, a tip's refund alone): thin controllers asking the tipping service (`RequestClient`). */
@Module({ controllers: [TipsHttpController, TipRefundHttpController] })
export class TipsModule {}
