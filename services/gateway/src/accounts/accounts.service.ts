import { Injectable } from '@nestjs/common';
import { uuidv7 } from '@elan/domain-kernel';
import { BASE_ROLES, type Account, type GrantedRole } from './account';
import { AccountsRepository, type RolesChange } from './accounts.repository';
import { PasswordHasher } from './password-hasher';

export interface Registration {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
}

/** What `ensureAdmin` did; each is a success, so running it again changes nothing. */
export type EnsureAdminOutcome = 'created' | 'promoted' | 'already-admin';

/** Thrown by `ensureAdmin` when the account does not exist and no password was given. */
export class AdminPasswordNeededError extends Error {
  constructor(email: string) {
    super(`there is no account for ${email}: a password is needed to create it`);
    this.name = 'AdminPasswordNeededError';
  }
}

const DEFAULT_ADMIN_NAME = 'Administrator';

/**
 * Registration, authentication and roles. Plain results rather than HTTP errors: the
 * controllers turn them into problems, and the `create-admin` CLI uses the same service.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  /** The new account, or undefined when the e-mail address already has one. */
  async register(registration: Registration): Promise<Account | undefined> {
    return this.accounts.create({
      id: uuidv7(),
      email: registration.email,
      passwordHash: await this.passwords.hash(registration.password),
      displayName: registration.displayName,
      roles: BASE_ROLES,
    });
  }

  /**
   * The account when the password matches, else undefined — taking as long when the address has
   * no account, so neither the answer nor its timing says whether it has one.
   */
  async authenticate(email: string, password: string): Promise<Account | undefined> {
    const found = await this.accounts.findCredentials(email);
    if (!found) return this.passwords.verifyAgainstNothing(password).then(() => undefined);
    return (await this.passwords.verify(found.passwordHash, password)) ? found.account : undefined;
  }

  findById(id: string): Promise<Account | undefined> {
    return this.accounts.findById(id);
  }

  changeRoles(id: string, add: readonly GrantedRole[], remove: readonly GrantedRole[]): Promise<RolesChange> {
    return this.accounts.changeRoles(id, add, remove);
  }

  /**
   * Makes the account of `email` an admin, creating it when absent (which needs `password`).
   * Idempotent, and safe when several replicas run it at once; an existing account keeps its
   * password: promoting never overwrites what its owner chose.
   */
  async ensureAdmin(email: string, password?: string, displayName = DEFAULT_ADMIN_NAME): Promise<EnsureAdminOutcome> {
    for (;;) {
      const { found, promoted } = await this.accounts.promoteToAdmin(email);
      if (found) return promoted ? 'promoted' : 'already-admin';
      if (password === undefined) throw new AdminPasswordNeededError(email);
      const created = await this.accounts.create({
        id: uuidv7(),
        email,
        passwordHash: await this.passwords.hash(password),
        displayName,
        roles: [...BASE_ROLES, 'admin'],
      });
      if (created) return 'created';
      // Another replica created it in the meantime: promote that one.
    }
  }
}
