import { Module, type DynamicModule } from '@nestjs/common';
import { TransparencyQueries, type MoneyLog } from '@elan/transparency';
import { PledgeApplication } from '../application/pledge-application';
import { PledgeChanges } from '../application/pledge-changes';
import { PledgeCheckout } from '../application/pledge-checkout';
import type { PledgeComposition } from './pledge.composition';
import { PledgeCommandsMessageController } from './pledge-commands.message.controller';
import { PledgeHolderMessageController } from './pledge-holder.message.controller';
import { PledgeHolderQueries } from './pledge-holder.queries';
import { PledgeQueries } from './pledge-queries';
import { PledgeQueriesMessageController } from './pledge-queries.message.controller';
import { PersonalData } from './personal-data';
import { PersonalDataMessageController } from './personal-data.message.controller';
import { PledgeReconciliation } from './pledge-reconciliation';
import { PledgeReconciliationMessageController } from './reconciliation.message.controller';
import { PledgeTransparencyMessageController } from './transparency.message.controller';
import { PledgeRecipients } from './pledge-recipients';
import { PledgeRecipientsMessageController } from './pledge-recipients.message.controller';

/**
 * The pledge service as Nest sees it: message controllers only, given the application services
 * built outside Nest by `composePledge` (the campaign service's pattern, ADR 0017).
 */
@Module({})
export class PledgeServiceModule {
  static forRoot(composition: PledgeComposition & { readonly transparency: MoneyLog }): DynamicModule {
    return {
      module: PledgeServiceModule,
      controllers: [
        PledgeCommandsMessageController,
        PledgeQueriesMessageController,
        PledgeHolderMessageController,
        PersonalDataMessageController,
        PledgeTransparencyMessageController,
        PledgeReconciliationMessageController,
        PledgeRecipientsMessageController,
      ],
      providers: [
        { provide: PledgeApplication, useValue: composition.pledges },
        { provide: PledgeCheckout, useValue: composition.checkout },
        { provide: PledgeChanges, useValue: composition.changes },
        { provide: PledgeQueries, useValue: composition.queries },
        { provide: PledgeHolderQueries, useValue: composition.holderViews },
        { provide: PersonalData, useValue: composition.personalData },
        { provide: TransparencyQueries, useValue: composition.transparency.queries },
        { provide: PledgeReconciliation, useValue: composition.reconciliation },
        { provide: PledgeRecipients, useValue: composition.recipients },
      ],
    };
  }
}
