import { Module } from '@nestjs/common';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { AdminAccountsController } from './admin-accounts.controller';
import { FirstAdminBootstrap } from './first-admin.bootstrap';
import { MeController } from './me.controller';
import { PasswordHasher } from './password-hasher';

/** Accounts in the gateway's own schema: `/api/me`, role management, the first admin. */
@Module({
  controllers: [MeController, AdminAccountsController],
  providers: [AccountsRepository, AccountsService, PasswordHasher, FirstAdminBootstrap],
  exports: [AccountsService],
})
export class AccountsModule {}
