import { Module } from '@nestjs/common';
import { TipsHttpController } from './tips.http.controller';

/** The tip routes of the public API: thin controllers asking the tipping service (`RequestClient`). */
@Module({ controllers: [TipsHttpController] })
export class TipsModule {}
