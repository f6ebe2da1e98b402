import { Module } from '@nestjs/common';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { AdminAccountsController } from './admin-accounts.controller';
import { AccountErasureService } from './erasure';
import { AccountErasureController } from './erasure.controller';
import { FirstAdminBootstrap } from './first-admin.bootstrap';
import { MeController } from './me.controller';
import { PersonalDataExportService } from './me-data';
import { PersonalDataExportController } from './me-data.controller';
import { PasswordHasher } from './password-hasher';

/** Accounts in the gateway's own schema: `/api/me`, its export and erasure, role management, the first admin. */
@Module({
  controllers: [MeController, PersonalDataExportController, AccountErasureController, AdminAccountsController],
  providers: [
    AccountsRepository,
    AccountsService,
    PasswordHasher,
    FirstAdminBootstrap,
    PersonalDataExportService,
    AccountErasureService,
  ],
  exports: [AccountsService],
})
export class AccountsModule {}
