import { Logger } from '@nestjs/common';
import { IllegalStateError, NotFoundError } from '@elan/domain-kernel';
import { inTransaction, lockStreamIn, type PostgresEventStore } from '@elan/event-store';
import type { PersonalDataVault } from '@elan/personal-data';
import { pledgeStream } from '../pledge';
import { findPledgeRow } from '../read-models/pledge-view';
import { erasureStepOf, type ErasureStep } from './erasure-plan';
import type { CheckoutIntents } from './payment-intents';
import type { PledgeApplication } from './pledge-application';

const logger = new Logger('PledgeErasure');

export interface ErasureOutcome {
  readonly erasedAt: Date;
  readonly abandoned: string[];
  readonly cancelled: string[];
  readonly kept: string[];
}

/** Who withdraws a committed pledge on the person's behalf: the person themselves, as the decider checks. */
type Withdrawer = { readonly actor: string; readonly roles: string[]; readonly guestTokenHash?: string };

const mayStillBeCharged = (pledgeIds: readonly string[]): IllegalStateError =>
  new IllegalStateError(
    'an all-or-nothing pledge of this person may still be charged (past its deadline, or being collected): ' +
      'erasure waits until it is collected, released or dropped',
    { field: 'pledges', pledgeIds },
  );

/**
 * Erases an account from the pledge service (ADR 0022, "Erasure across services"): first ends
 * what may still take money (checkouts abandoned, committed all-or-nothing pledges cancelled
 * before their deadline), then deletes the person's key, then ends again any checkout placed
 * while this ran (sealed before the key went; none can be placed after, the vault refusing an
 * erased person), and last deletes the Stripe customers its all-or-nothing checkouts made. Each
 * step is idempotent — a command on a pledge already ended records
 * nothing, and erasing a key twice keeps the first time — so a caller that crashed, or whose
 * reply was lost, asks again and the work finishes.
 */
export class PledgeErasure {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly pledges: PledgeApplication,
    private readonly vault: PersonalDataVault,
    private readonly intents: CheckoutIntents | undefined,
  ) {}

  /** An account: every pledge it made, sealed under its id. */
  erase(accountId: string): Promise<ErasureOutcome> {
    return this.eraseSubject(accountId, () => this.pledgeIdsOf(accountId), { actor: accountId, roles: ['contributor'] });
  }

  /** A guest's pledge, sealed under its own id; the guest proves it is theirs with their link's token. */
  async eraseGuest(pledgeId: string, guestTokenHash: string): Promise<ErasureOutcome> {
    const row = await findPledgeRow(this.store.pool, this.store.schema, pledgeId);
    if (row?.contributor_kind !== 'guest' || row.guest_token_hash !== guestTokenHash)
      throw new NotFoundError(`pledge ${pledgeId} does not exist`, { pledgeId });
    return this.eraseSubject(pledgeId, async () => [pledgeId], { actor: 'guest', roles: [], guestTokenHash });
  }

  private async eraseSubject(
    subjectId: string,
    pledgesOf: () => Promise<string[]>,
    withdrawer: Withdrawer,
  ): Promise<ErasureOutcome> {
    const ids = await pledgesOf();
    // Checked before anything changes, so a refused erasure leaves the person exactly as they were.
    const blocking: string[] = [];
    for (const pledgeId of ids)
      if (erasureStepOf(await this.pledges.load(pledgeId), this.pledges.now()) === 'blocks') blocking.push(pledgeId);
    if (blocking.length > 0) throw mayStillBeCharged(blocking);

    const steps = new Map<string, ErasureStep>();
    await this.settle(ids, withdrawer, steps);
    const { erasedAt } = await this.vault.erase(subjectId);
    const settled = await pledgesOf();
    await this.settle(settled, withdrawer, steps);
    // Last, Stripe's copy: the customers the person's all-or-nothing checkouts made.
    for (const pledgeId of settled) await this.forgetCustomer(pledgeId);

    const which = (step: ErasureStep) => [...steps].filter(([, done]) => done === step).map(([pledgeId]) => pledgeId);
    return { erasedAt, abandoned: which('abandon'), cancelled: which('cancel'), kept: which('keep') };
  }

  private async settle(pledgeIds: readonly string[], withdrawer: Withdrawer, steps: Map<string, ErasureStep>): Promise<void> {
    for (const pledgeId of pledgeIds) {
      const step = await this.settleOne(pledgeId, withdrawer);
      // A pledge ended by the first pass reads `keep` in the second: what was done to it is the first answer.
      if (steps.get(pledgeId) === undefined || steps.get(pledgeId) === 'keep') steps.set(pledgeId, step);
    }
  }

  /** Decided on the state read under the pledge's lock, so a webhook or the sweeper acting at once cannot race it. */
  private settleOne(pledgeId: string, withdrawer: Withdrawer): Promise<ErasureStep> {
    return inTransaction(this.store.pool, async (client) => {
      await lockStreamIn(client, this.store, pledgeStream(pledgeId));
      const step = erasureStepOf(await this.pledges.load(pledgeId, client), this.pledges.now());
      if (step === 'blocks') throw mayStillBeCharged([pledgeId]);
      if (step === 'abandon') await this.pledges.execute({ type: 'AbandonPledge', data: { pledgeId }, metadata: {} }, client);
      // Withdrawn on the contributor's own request: the person asking for their erasure.
      if (step === 'cancel')
        await this.pledges.execute({ type: 'CancelPledge', data: { pledgeId }, metadata: withdrawer }, client);
      return step;
    });
  }

  private async forgetCustomer(pledgeId: string): Promise<void> {
    const row = await findPledgeRow(this.store.pool, this.store.schema, pledgeId);
    if (!row?.intent_id?.startsWith('seti_')) return;
    // Without a Stripe key this service never reached Stripe: there is no customer of its making.
    if (!this.intents) {
      logger.warn(`no Stripe key: the customer behind ${row.intent_id} (pledge ${pledgeId}) is not deleted`);
      return;
    }
    await this.intents.forgetCustomerOf(row.intent_id);
  }

  private async pledgeIdsOf(accountId: string): Promise<string[]> {
    const { rows } = await this.store.pool.query<{ pledge_id: string }>(
      `SELECT pledge_id FROM ${this.store.schema}.pledges WHERE account_id = $1 ORDER BY placed_at, pledge_id`,
      [accountId],
    );
    return rows.map((row) => row.pledge_id);
  }
}
