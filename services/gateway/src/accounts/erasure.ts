import { HttpStatus, Injectable } from '@nestjs/common';
import { erasePersonalData } from '@elan/contracts';
import { RequestClient } from '@elan/messaging';
import type { Actor } from '../auth/actor';
import { ProblemException } from '../problem/problem-details';
import { AccountsRepository } from './accounts.repository';
import { PasswordHasher } from './password-hasher';

const lastAdmin = (): ProblemException =>
  new ProblemException({
    type: 'urn:elan:problem:last-admin',
    title: 'The last admin cannot be erased',
    status: HttpStatus.CONFLICT,
    detail: 'Make another account an admin first: the platform cannot be left without one.',
  });

/**
 * `DELETE /api/me`: the person's erasure across Élan (ADR 0022, "Erasure across services").
 *
 * 1. The password is checked (nothing done otherwise).
 * 2. The pledge service ends what could still be charged and deletes the person's key
 *    (`rpc.pledge.ErasePersonalData.v1`); it refuses while a card may still be charged.
 * 3. The gateway erases the account row, revokes the token and drops kept answers.
 *
 * The account goes last because it is the person's only handle: if the gateway dies between 2
 * and 3, they can still log in and ask again, and every step being idempotent, the retry
 * finishes. The other way round, a crash would leave keys nobody could ask to erase any more.
 * The tipping and campaign services hold only the account id (ADR 0022): nothing to erase there.
 */
@Injectable()
export class AccountErasureService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
    private readonly requests: RequestClient,
  ) {}

  async erase(actor: Actor, password: string): Promise<void> {
    const hash = await this.accounts.passwordHashOf(actor.accountId);
    if (hash === undefined || !(await this.passwords.verify(hash, password)))
      throw new ProblemException({
        type: 'urn:elan:problem:wrong-password',
        title: 'Wrong password',
        status: HttpStatus.FORBIDDEN,
        detail: 'Erasing an account needs its password: nothing was erased.',
      });
    // Before anything irreversible: refused here, the person keeps everything.
    if (await this.accounts.isLastAdmin(actor.accountId)) throw lastAdmin();
    await this.requests.request(erasePersonalData, { accountId: actor.accountId });
    const outcome = await this.accounts.erase(actor.accountId, { tokenId: actor.tokenId, expiresAt: actor.tokenExpiresAt });
    if (outcome === 'last-admin') throw lastAdmin();
  }
}
