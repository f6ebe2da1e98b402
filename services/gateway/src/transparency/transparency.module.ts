import { Module } from '@nestjs/common';
import { TransparencyHttpController } from './transparency.http.controller';

/** The public transparency routes (key, signed checkpoints, money streams' links): a thin controller asking the money services. */
@Module({ controllers: [TransparencyHttpController] })
export class TransparencyModule {}
