import { Module, type DynamicModule } from '@nestjs/common';

/**
 * The pledge service as Nest sees it: its message controllers (`@HandlesRequest`), given the
 * application services they call as `useValue` providers from the composition. None yet: the
 * skeleton answers only its health (`rpc.pledge.Health.v1`, from the service kit).
 */
@Module({})
export class PledgeServiceModule {
  static forRoot(): DynamicModule {
    return { module: PledgeServiceModule, controllers: [], providers: [] };
  }
}
