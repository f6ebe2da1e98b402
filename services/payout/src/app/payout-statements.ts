import type { PoolClient } from 'pg';
import type { ReplyOf } from '@elan/contracts';
import type { listCampaignPayouts, listMyPayouts, listUnpaidStatements, requestPayout, RequestOf } from '@elan/contracts';
import {
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  money,
  uuidv7,
  type Clock,
  type Currency,
  type Money,
} from '@elan/domain-kernel';
import { commandHandler, inTransaction, lockStreamIn, type CommandHandler, type PostgresEventStore } from '@elan/event-store';
import { idempotencyKey, PaymentProviderError, type PaymentProvider } from '@elan/payments';
import { readHeads } from '@elan/transparency';
import {
  balanceOf,
  payoutLedgerDecider,
  payoutLedgerStream,
  whyNoStatement,
  type PayoutLedgerCommand,
  type PayoutLedgerEvent,
  type PayoutLedgerState,
} from '../ledger';
import {
  explainPayoutAccount,
  payoutAccountDecider,
  payoutAccountStream,
  type PayoutAccountCommand,
  type PayoutAccountEvent,
  type PayoutAccountState,
} from '../payout-account';
import {
  statementDecider,
  statementStream,
  transferGroupOf,
  type DrawnStatement,
  type StatementCommand,
  type StatementEvent,
  type StatementState,
  type StatementTrigger,
} from '../statement';
import { nextStatementAt, type StatementInterval } from './statement-schedule';

export type StatementView = ReplyOf<typeof requestPayout>;
type Actor = { readonly accountId: string; readonly roles: readonly string[] };

/** The worker's pace: the schedule, the back-off of failed transfers, how often a waiting account is looked at again. */
export interface StatementSettings {
  readonly interval: StatementInterval;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly accountRecheckMs: number;
}

/** Stripe's idempotency key of a statement's transfer attempt: a retry of the same attempt never transfers twice. */
export const transferKey = (statementId: string, attempt: number) =>
  idempotencyKey('payout', statementId, 'transfer', String(attempt));

const SYSTEM = { actor: 'payout' };

/**
 * Statements and transfers (issue #11, deliverable 2). The campaign's ledger
 * (`payoutledger-<campaignId>`) takes the facts the consumers copy from the campaign and pledge
 * services; a statement (`payout-<statementId>`) is drawn on it, then taken step by step to a
 * Connect transfer by the statement worker. Every write goes through a decider, and the views
 * (`payout_campaigns`, `statements`) are written in the same transaction as the events they show.
 */
export class PayoutStatements {
  private readonly ledger: CommandHandler<PayoutLedgerCommand, PayoutLedgerEvent, PayoutLedgerState>;
  private readonly statements: CommandHandler<StatementCommand, StatementEvent, StatementState>;
  private readonly accounts: CommandHandler<PayoutAccountCommand, PayoutAccountEvent, PayoutAccountState>;

  constructor(
    private readonly store: PostgresEventStore,
    private readonly payments: PaymentProvider | undefined,
    private readonly clock: Clock,
    private readonly settings: StatementSettings,
  ) {
    this.ledger = commandHandler(store, payoutLedgerDecider, { streamOf: payoutLedgerStream });
    this.statements = commandHandler(store, statementDecider, { streamOf: statementStream });
    this.accounts = commandHandler(store, payoutAccountDecider, { streamOf: payoutAccountStream });
  }

  private get schema(): string {
    return this.store.schema;
  }

  now(): Date {
    return this.clock.now();
  }

  /**
   * Records facts on a campaign's ledger in the caller's transaction (a consumer's inbox): the
   * stream is locked first, so the two consumers writing the same campaign queue rather than
   * conflict inside a transaction that could not retry.
   */
  async record(campaignId: string, commands: (now: Date) => readonly PayoutLedgerCommand[], client: PoolClient): Promise<void> {
    await lockStreamIn(client, this.store, payoutLedgerStream(campaignId));
    const now = this.now();
    const { state, newEvents } = await this.ledger.handleAll(
      campaignId,
      () => commands(now).map((command) => ({ command, metadata: SYSTEM })),
      client,
    );
    if (newEvents.length > 0) await this.saveCampaign(client, campaignId, state, null);
  }

  /**
   * Draws a statement on what the ledger holds now, in the caller's transaction: the last fact it
   * covers (position and link hash), the ledger's `StatementRecorded`, then the statement's own
   * `StatementDrawn`. Refused (illegal_state, nothing_due) when nothing is due.
   */
  async draw(campaignId: string, trigger: StatementTrigger, client: PoolClient): Promise<StatementView> {
    const streamId = payoutLedgerStream(campaignId);
    await lockStreamIn(client, this.store, streamId);
    const [head] = await readHeads(client, this.schema, { streamIds: [streamId] });
    const statementId = uuidv7();
    const now = this.now();
    const before = (await this.ledger.load(campaignId, client)).state;
    const recorded = await this.ledger.handle(
      campaignId,
      { type: 'RecordStatement', data: { campaignId, statementId }, metadata: { now } },
      SYSTEM,
      client,
    );
    const event = recorded.newEvents[0];
    if (event?.type !== 'StatementRecorded' || before.holderId === null || before.fundingModel === null)
      throw new IllegalStateError(`no statement was drawn for campaign ${campaignId}`, { reason: 'nothing_due' });
    // The StatementRecorded just appended, its link hash computed by the store: the fact the statement names.
    const [facts] = await readHeads(client, this.schema, { streamIds: [streamId] });
    const balance = balanceOf(before);
    const { state } = await this.statements.handle(
      statementId,
      {
        type: 'DrawStatement',
        data: {
          statementId,
          campaignId,
          holderId: before.holderId,
          fundingModel: before.fundingModel,
          sequence: event.data.sequence,
          trigger,
          lines: {
            pledgesCollected: balance.collected,
            pledgesRefunded: balance.refunded,
            refundsAlreadyNetted: balance.refundsAlreadyNetted,
            previouslyStated: balance.stated,
            platformAdvances: balance.advanced,
            advancesReversed: balance.reversed,
            netDue: event.data.netDue,
          },
          payments: event.data.payments,
          covers: { streamId, position: head?.position ?? 0, hash: head?.hash ?? '0'.repeat(64) },
          ...(facts && { facts }),
        },
        metadata: { now },
      },
      SYSTEM,
      client,
    );
    await this.saveCampaign(client, campaignId, recorded.state, now);
    return this.saveStatement(client, state, now);
  }

  /** The holder's `POST /api/campaigns/{id}/payouts`: keep-it-all only, when something is due. */
  async requestByHolder(actor: Actor, campaignId: string): Promise<StatementView> {
    return inTransaction(this.store.pool, async (client) => {
      const row = await this.campaignRow(client, campaignId);
      if (row?.holder_id !== actor.accountId)
        throw new NotFoundError(`campaign ${campaignId} has no payouts of yours`, { campaignId });
      if (row.funding_model !== 'keep_it_all')
        throw new IllegalStateError('an all-or-nothing campaign is paid out once its collection closes, not on request', {
          reason: 'nothing_due',
        });
      return this.draw(campaignId, 'holder_request', client);
    });
  }

  /** The campaigns whose statement is due now (all-or-nothing collection closed, keep-it-all schedule): drawn, each once. */
  async drawDue(): Promise<number> {
    const due = await this.store.pool.query<{ campaign_id: string; funding_model: string }>(
      `SELECT campaign_id, funding_model FROM ${this.schema}.payout_campaigns
       WHERE draw_due_at <= $1 ORDER BY draw_due_at LIMIT 10`,
      [this.now()],
    );
    let drawn = 0;
    for (const { campaign_id: campaignId, funding_model } of due.rows)
      if (
        await this.underLedgerLock(campaignId, `draw_due_at <= $2`, [this.now()], (client) =>
          this.draw(campaignId, funding_model === 'all_or_nothing' ? 'collection_closed' : 'schedule', client),
        )
      )
        drawn++;
    return drawn;
  }

  /**
   * ADR 0027: advances no statement can recover any more — the campaign has its outcome, so no new
   * pledge will be netted against them, and every statement is paid — are taken back from the
   * holder's transfers by a reversal, one per advance, its idempotency key from the advance.
   */
  async recoverDueAdvances(): Promise<number> {
    const payments = this.payments;
    if (!payments) return 0;
    const ready = `reversal_due AND NOT EXISTS (
      SELECT 1 FROM ${this.schema}.statements s WHERE s.campaign_id = $1 AND s.status <> 'paid')`;
    const due = await this.store.pool.query<{ campaign_id: string }>(
      `SELECT campaign_id FROM ${this.schema}.payout_campaigns WHERE reversal_due ORDER BY updated_at LIMIT 5`,
    );
    let recovered = 0;
    for (const { campaign_id: campaignId } of due.rows)
      if (await this.underLedgerLock(campaignId, ready, [], (client) => this.recoverAdvance(payments, campaignId, client)))
        recovered++;
    return recovered;
  }

  /**
   * Runs `work` in a transaction holding the campaign's ledger lock — taken first, as the
   * consumers take it, so no two transactions ever wait for each other's locks in opposite orders —
   * if the campaign's row still matches `condition` once the lock is held (another replica may
   * have done the work meanwhile). Answers whether it ran.
   */
  private underLedgerLock(
    campaignId: string,
    condition: string,
    values: readonly unknown[],
    work: (client: PoolClient) => Promise<unknown>,
  ): Promise<boolean> {
    return inTransaction(this.store.pool, async (client) => {
      await lockStreamIn(client, this.store, payoutLedgerStream(campaignId));
      const still = await client.query(`SELECT 1 FROM ${this.schema}.payout_campaigns WHERE campaign_id = $1 AND ${condition}`, [
        campaignId,
        ...values,
      ]);
      if (still.rowCount === 0) return false;
      await work(client);
      return true;
    });
  }

  private async recoverAdvance(payments: PaymentProvider, campaignId: string, client: PoolClient): Promise<void> {
    await lockStreamIn(client, this.store, payoutLedgerStream(campaignId));
    const { state } = await this.ledger.load(campaignId, client);
    const outstanding = balanceOf(state).outstandingAdvance;
    const advance = Object.entries(state.advances).find(([advanceId]) => state.reversals[advanceId] === undefined);
    if (!advance || outstanding.amount <= 0) return this.saveCampaign(client, campaignId, state, null);
    const [advanceId, advanced] = advance;
    const wanted = Math.min(advanced, outstanding.amount);
    const { rows } = await client.query<{ transfer_id: string; net_due: string }>(
      `SELECT view->'transfer'->>'transferId' AS transfer_id, view->'lines'->'netDue'->>'amount' AS net_due
       FROM ${this.schema}.statements WHERE campaign_id = $1 AND status = 'paid' ORDER BY sequence DESC`,
      [campaignId],
    );
    const reversedOn = (transferId: string) =>
      Object.values(state.reversals)
        .filter((r) => r.transferId === transferId)
        .reduce((sum, r) => sum + r.amount, 0);
    const rooms = rows.map((row) => ({ transferId: row.transfer_id, room: Number(row.net_due) - reversedOn(row.transfer_id) }));
    const chosen = rooms.find((r) => r.room >= wanted) ?? [...rooms].sort((a, b) => b.room - a.room)[0];
    const amount = Math.min(wanted, chosen?.room ?? 0);
    if (!chosen || amount <= 0) return this.saveCampaign(client, campaignId, state, null);
    const reversal = await payments.reverseTransfer({
      owner: { service: 'payout', entity: 'advance', id: advanceId },
      idempotencyKey: idempotencyKey('payout', advanceId, 'reversal'),
      transferId: chosen.transferId,
      amount: money(amount, outstanding.currency),
    });
    const { state: after } = await this.ledger.handle(
      campaignId,
      {
        type: 'RecordAdvanceReversal',
        data: {
          campaignId,
          reversalKey: advanceId,
          amount: money(amount, outstanding.currency),
          transferId: chosen.transferId,
          reversalId: reversal.reversalId,
        },
        metadata: { now: this.now() },
      },
      SYSTEM,
      client,
    );
    await this.saveCampaign(client, campaignId, after, null);
  }

  /** Statements the worker should take up now. */
  async dueStatements(limit = 20): Promise<string[]> {
    const { rows } = await this.store.pool.query<{ statement_id: string }>(
      `SELECT statement_id FROM ${this.schema}.statements WHERE next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2`,
      [this.now(), limit],
    );
    return rows.map((row) => row.statement_id);
  }

  /**
   * Moves a statement one step, in a transaction holding its row: fees looked up, then the
   * account checked (waiting, and saying why, while it cannot receive), then the transfer
   * requested, then asked of Stripe with the attempt's key and its outcome recorded. A crash
   * before the outcome is committed leaves the request standing: the next step asks Stripe again
   * with the same key, and Stripe answers the same transfer. Answers whether to step again now.
   */
  async step(statementId: string): Promise<boolean> {
    const payments = this.payments;
    if (!payments) return false;
    return inTransaction(this.store.pool, async (client) => {
      const taken = await client.query(
        `SELECT 1 FROM ${this.schema}.statements WHERE statement_id = $1 AND next_attempt_at <= $2 FOR UPDATE SKIP LOCKED`,
        [statementId, this.now()],
      );
      if (taken.rowCount === 0) return false;
      const { state } = await this.statements.load(statementId, client);
      if (state.status === 'none' || state.status === 'paid') {
        await client.query(`UPDATE ${this.schema}.statements SET next_attempt_at = NULL WHERE statement_id = $1`, [statementId]);
        return false;
      }
      if (state.processingFees === null) {
        const processingFees = await this.feesOf(payments, state);
        await this.apply(
          client,
          statementId,
          { type: 'RecordFees', data: { statementId, processingFees }, metadata: { now: this.now() } },
          this.now(),
        );
        return true;
      }
      if (state.status === 'transfer_requested') return this.transfer(payments, client, state);
      const account = (await this.accounts.load(state.drawn.holderId, client)).state;
      if (account.status === 'none' || !account.canReceiveTransfers) {
        const now = this.now();
        await this.apply(
          client,
          statementId,
          {
            type: 'WaitForAccount',
            data: {
              statementId,
              reason: explainPayoutAccount(account),
              requirements: account.status === 'none' ? [] : [...account.requirements],
            },
            metadata: { now },
          },
          new Date(now.getTime() + this.settings.accountRecheckMs),
        );
        return false;
      }
      await this.apply(
        client,
        statementId,
        {
          type: 'RequestTransfer',
          data: {
            statementId,
            destinationAccountId: account.stripeAccountId,
            transferGroup: transferGroupOf(state.drawn.campaignId),
          },
          metadata: { now: this.now() },
        },
        this.now(),
      );
      return true;
    });
  }

  private async transfer(payments: PaymentProvider, client: PoolClient, state: DrawnStatement): Promise<boolean> {
    const { statementId, campaignId } = state.drawn;
    const { attempt, destinationAccountId } = state;
    if (destinationAccountId === null) throw new IllegalStateError(`statement ${statementId} has no transfer requested`);
    const failure = async (outcome: 'refused' | 'unknown', code: string, reason: string) => {
      const now = this.now();
      const retryAt = new Date(
        now.getTime() + Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** state.failures),
      );
      await this.apply(
        client,
        statementId,
        { type: 'RecordTransferFailure', data: { statementId, outcome, code, reason, retryAt }, metadata: { now } },
        retryAt,
      );
      return false;
    };
    let outcome;
    try {
      outcome = await payments.transfer({
        owner: { service: 'payout', entity: 'statement', id: statementId },
        idempotencyKey: transferKey(statementId, attempt),
        amount: state.drawn.lines.netDue,
        destinationAccountId,
        transferGroup: transferGroupOf(campaignId),
      });
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      return failure('unknown', 'stripe_unreachable', error.message);
    }
    if (outcome.kind === 'refused') return failure('refused', outcome.code, outcome.message);
    await this.apply(
      client,
      statementId,
      { type: 'RecordTransfer', data: { statementId, transferId: outcome.transfer.transferId }, metadata: { now: this.now() } },
      null,
    );
    return false;
  }

  /** Stripe's fees on the payments the statement covers first: the platform's, shown, never deducted. */
  private async feesOf(payments: PaymentProvider, state: DrawnStatement): Promise<Money> {
    const currency = state.drawn.lines.netDue.currency as Currency;
    let fees = 0;
    for (const paymentId of state.drawn.payments) {
      const entry = await payments.feesOfPayment(paymentId);
      if (entry.fee.currency === currency) fees += entry.fee.amount;
    }
    return money(fees, currency);
  }

  private async apply(
    client: PoolClient,
    statementId: string,
    command: StatementCommand,
    nextAttemptAt: Date | null,
  ): Promise<void> {
    const { state } = await this.statements.handle(statementId, command, SYSTEM, client);
    await this.saveStatement(client, state, nextAttemptAt);
  }

  /**
   * The holder's account can now receive transfers: their statements waiting for it are taken up
   * at the worker's next pass rather than at their recheck (PAYOUT_ACCOUNT_RECHECK_MS), in the
   * caller's transaction — the one recording the account's change. Answers how many were woken.
   */
  async wakeAwaitingAccount(holderId: string, client: PoolClient): Promise<number> {
    const now = this.now();
    const { rowCount } = await client.query(
      `UPDATE ${this.schema}.statements
       SET next_attempt_at = $2, view = jsonb_set(view, '{transfer,nextAttemptAt}', to_jsonb($3::text))
       WHERE holder_id = $1 AND status = 'awaiting_account' AND (next_attempt_at IS NULL OR next_attempt_at > $2)`,
      [holderId, now, now.toISOString()],
    );
    return rowCount ?? 0;
  }

  // ---- queries ----

  async forCampaign(actor: Actor, campaignId: string): Promise<ReplyOf<typeof listCampaignPayouts>> {
    const row = await this.campaignRow(this.store.pool, campaignId);
    const isAdmin = actor.roles.includes('admin');
    if (!row || row.holder_id === null) throw new NotFoundError(`campaign ${campaignId} has no payouts`, { campaignId });
    if (row.holder_id !== actor.accountId && !isAdmin)
      throw new ForbiddenError('only the campaign’s holder or an admin may see its payouts', { campaignId });
    const { rows } = await this.store.pool.query<{ view: StatementView }>(
      `SELECT view FROM ${this.schema}.statements WHERE campaign_id = $1 ORDER BY sequence DESC`,
      [campaignId],
    );
    return { balance: row.view as ReplyOf<typeof listCampaignPayouts>['balance'], statements: rows.map((r) => r.view) };
  }

  async forHolder(actor: Actor): Promise<ReplyOf<typeof listMyPayouts>> {
    const { rows } = await this.store.pool.query<{ view: StatementView }>(
      `SELECT view FROM ${this.schema}.statements WHERE holder_id = $1 ORDER BY drawn_at DESC, sequence DESC LIMIT 500`,
      [actor.accountId],
    );
    return { statements: rows.map((r) => r.view) };
  }

  /** For admins: the statements not paid yet, oldest first — a failing transfer must not go unnoticed. */
  async unpaid(
    actor: Actor,
    { statuses, limit }: Omit<RequestOf<typeof listUnpaidStatements>, 'actor'>,
  ): Promise<ReplyOf<typeof listUnpaidStatements>> {
    if (!actor.roles.includes('admin')) throw new ForbiddenError('only an admin may list the unpaid statements', {});
    const wanted = statuses ?? ['drawn', 'awaiting_account', 'transfer_requested', 'transfer_failed'];
    const { rows } = await this.store.pool.query<{ view: StatementView; total: string }>(
      `SELECT view, count(*) OVER () AS total FROM ${this.schema}.statements
        WHERE status = ANY($1::text[]) ORDER BY drawn_at, campaign_id, sequence LIMIT $2`,
      [wanted, limit],
    );
    const total = rows[0] ? Number(rows[0].total) : await this.countUnpaid(wanted);
    return { statements: rows.map((r) => r.view), total };
  }

  /** The count alone, when the page is empty (window functions give none then). */
  private async countUnpaid(statuses: readonly string[]): Promise<number> {
    const { rows } = await this.store.pool.query<{ total: string }>(
      `SELECT count(*) AS total FROM ${this.schema}.statements WHERE status = ANY($1::text[])`,
      [statuses],
    );
    return Number(rows[0]?.total ?? 0);
  }

  // ---- views ----

  private async campaignRow(db: { query: PoolClient['query'] }, campaignId: string) {
    const { rows } = await db.query<{
      holder_id: string | null;
      funding_model: string | null;
      schedule_from: Date;
      view: unknown;
    }>(`SELECT holder_id, funding_model, schedule_from, view FROM ${this.schema}.payout_campaigns WHERE campaign_id = $1`, [
      campaignId,
    ]);
    return rows[0];
  }

  /** The campaign's figures and when its next statement falls due; `drawnAt` restarts the keep-it-all schedule. */
  private async saveCampaign(
    client: PoolClient,
    campaignId: string,
    state: PayoutLedgerState,
    drawnAt: Date | null,
  ): Promise<void> {
    const now = this.now();
    const scheduleFrom = drawnAt ?? (await this.campaignRow(client, campaignId))?.schedule_from ?? now;
    const balance = balanceOf(state);
    const why = whyNoStatement(state);
    const dueAt =
      why !== null ? null : state.fundingModel === 'all_or_nothing' ? now : nextStatementAt(scheduleFrom, this.settings.interval);
    const nextStatement =
      why !== null
        ? `No statement yet: ${why}.`
        : state.fundingModel === 'all_or_nothing'
          ? 'Drawn now: the collection is over.'
          : `Next statement on ${dueAt?.toISOString()}, or as soon as you ask for it.`;
    const reversalDue =
      state.outcome !== null &&
      balance.outstandingAdvance.amount > 0 &&
      Object.keys(state.advances).some((advanceId) => state.reversals[advanceId] === undefined);
    const view =
      state.holderId === null || state.fundingModel === null
        ? null
        : {
            campaignId,
            holderId: state.holderId,
            fundingModel: state.fundingModel,
            collected: balance.collected,
            refunded: balance.refunded,
            stated: balance.stated,
            netDue: balance.netDue,
            outstandingAdvance: balance.outstandingAdvance,
            nextStatement,
          };
    await client.query(
      `INSERT INTO ${this.schema}.payout_campaigns
         (campaign_id, holder_id, funding_model, currency, outcome, net_due, outstanding_advance, schedule_from, draw_due_at,
          view, updated_at, reversal_due)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (campaign_id) DO UPDATE SET holder_id = EXCLUDED.holder_id, funding_model = EXCLUDED.funding_model,
         currency = EXCLUDED.currency, outcome = EXCLUDED.outcome, net_due = EXCLUDED.net_due,
         outstanding_advance = EXCLUDED.outstanding_advance, schedule_from = EXCLUDED.schedule_from,
         draw_due_at = EXCLUDED.draw_due_at, view = EXCLUDED.view, updated_at = EXCLUDED.updated_at,
         reversal_due = EXCLUDED.reversal_due`,
      [
        campaignId,
        state.holderId,
        state.fundingModel,
        state.currency,
        state.outcome,
        balance.netDue.amount,
        balance.outstandingAdvance.amount,
        scheduleFrom,
        dueAt,
        JSON.stringify(view ?? {}),
        now,
        reversalDue,
      ],
    );
  }

  private async saveStatement(client: PoolClient, state: StatementState, nextAttemptAt: Date | null): Promise<StatementView> {
    if (state.status === 'none') throw new IllegalStateError('a statement never drawn has no view');
    const view = statementView(state, state.status === 'paid' ? null : nextAttemptAt);
    const { drawn } = state;
    await client.query(
      `INSERT INTO ${this.schema}.statements (statement_id, campaign_id, holder_id, sequence, status, drawn_at, next_attempt_at, view, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)
       ON CONFLICT (statement_id) DO UPDATE SET status = EXCLUDED.status, next_attempt_at = EXCLUDED.next_attempt_at,
         view = EXCLUDED.view, version = ${this.schema}.statements.version + 1`,
      [
        drawn.statementId,
        drawn.campaignId,
        drawn.holderId,
        drawn.sequence,
        state.status,
        drawn.drawnAt,
        view.transfer.nextAttemptAt,
        JSON.stringify(view),
      ],
    );
    return view;
  }
}

/** A statement as its holder and admins read it. */
export const statementView = (state: DrawnStatement, nextAttemptAt: Date | null): StatementView => {
  const { drawn } = state;
  return {
    statementId: drawn.statementId,
    campaignId: drawn.campaignId,
    holderId: drawn.holderId,
    sequence: drawn.sequence,
    fundingModel: drawn.fundingModel,
    trigger: drawn.trigger,
    status: state.status,
    drawnAt: drawn.drawnAt,
    lines: { ...drawn.lines, processingFeesBorneByPlatform: state.processingFees, tips: 'excluded' },
    transfer: {
      transferGroup: transferGroupOf(drawn.campaignId),
      transferId: state.transferId,
      paidAt: state.paidAt,
      attempts: state.attempt,
      lastFailure: state.lastFailure && {
        code: state.lastFailure.code,
        reason: state.lastFailure.reason,
        at: state.lastFailure.failedAt,
      },
      nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
    },
    waitingFor:
      state.status === 'awaiting_account' && state.waitingFor
        ? { ...state.waitingFor, requirements: [...state.waitingFor.requirements] }
        : null,
    covers: drawn.covers,
    facts: drawn.facts ?? null,
  };
};
