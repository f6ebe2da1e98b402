import { Module } from '@nestjs/common';
import { AccountRecipientsResponder } from './account-recipients.responder';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { AdminAccountsController } from './admin-accounts.controller';
import { AccountErasureService } from './erasure';
import { AccountErasureController } from './erasure.controller';
import { GuestErasureService } from './erasure-guest';
import { GuestErasureController } from './erasure-guest.controller';
import { FirstAdminBootstrap } from './first-admin.bootstrap';
import { MeController } from './me.controller';
import { PersonalDataExportService } from './me-data';
import { PersonalDataExportController } from './me-data.controller';
import { PasswordHasher } from './password-hasher';
import { AccountLanguages } from './account-languages';
import { MeLanguageController } from './me-language.controller';

/**
 * Accounts in the gateway's own schema: `/api/me`, its export and erasure (and a guest's erasure of
 * their pledge), role management, the first admin.
 */
@Module({
  controllers: [
    MeController,
    PersonalDataExportController,
    AccountErasureController,
    GuestErasureController,
    AdminAccountsController,
    MeLanguageController,
  ],
  providers: [
    AccountsRepository,
    AccountsService,
    PasswordHasher,
    FirstAdminBootstrap,
    PersonalDataExportService,
    AccountErasureService,
    GuestErasureService,
    AccountRecipientsResponder,
    AccountLanguages,
  ],
  exports: [AccountsService, AccountLanguages],
})
export class AccountsModule {}
