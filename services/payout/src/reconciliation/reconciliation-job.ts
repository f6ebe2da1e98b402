import type { PoolClient } from 'pg';
import { ForbiddenError, fold, type Clock } from '@elan/domain-kernel';
import { inTransaction, type PostgresEventStore } from '@elan/event-store';
import type { PaymentProvider } from '@elan/payments';
import { payoutLedgerDecider, payoutLedgerStream, type AdvanceReversalRecorded, type PayoutLedgerEvent } from '../ledger';
import { statementDecider, statementStream, type StatementEvent } from '../statement';
import type { MoneyServices } from './money-services';
import { reconcile } from './reconcile';
import { ReconciliationRecord, type ReconciliationReport } from './reconciliation-record';
import type { CampaignLedger, ReconciliationInput, StatementRecord } from './reconciliation.types';

type Actor = { readonly accountId: string; readonly roles: readonly string[] };

/**
 * The reconciliation as a job (ADR 0028): gathers every account — the pledge and tipping
 * services', this service's ledgers and statements, Stripe's lists — compares them (`reconcile`,
 * pure), and records the run. One run at a time across replicas: a PostgreSQL advisory lock,
 * held by the run's own connection for as long as it lasts and released if the process dies.
 */
export class Reconciliation {
  private readonly record: ReconciliationRecord;

  constructor(
    private readonly store: PostgresEventStore,
    private readonly services: MoneyServices,
    private readonly payments: PaymentProvider | undefined,
    private readonly clock: Clock,
  ) {
    this.record = new ReconciliationRecord(store.schema);
  }

  private get lockName(): string {
    return `${this.store.schema}.reconciliation`;
  }

  /** The worker's round: runs unless another replica is running one; answers whether it ran. */
  async runUnlessRunning(): Promise<boolean> {
    return (await this.locked('try', () => this.runNow())) !== null;
  }

  /** An admin's `POST /api/admin/reconciliation/runs`: waits for the run in progress, if any, then runs. */
  async runFor(actor: Actor): Promise<ReconciliationReport> {
    assertAdmin(actor);
    await this.locked('wait', () => this.runNow());
    return this.report(actor);
  }

  async report(actor: Actor): Promise<ReconciliationReport> {
    assertAdmin(actor);
    return this.record.latest(this.store.pool);
  }

  private async runNow(): Promise<void> {
    const startedAt = this.clock.now();
    const outcome = reconcile(await this.gather());
    await inTransaction(this.store.pool, (client) => this.record.save(client, startedAt, this.clock.now(), outcome));
  }

  private async locked<T>(mode: 'try' | 'wait', work: () => Promise<T>): Promise<T | null> {
    const client = await this.store.pool.connect();
    try {
      if (mode === 'wait') await client.query('SELECT pg_advisory_lock(hashtext($1))', [this.lockName]);
      else {
        const { rows } = await client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS taken', [
          this.lockName,
        ]);
        if (!rows[0]?.taken) return null;
      }
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [this.lockName]);
      }
    } finally {
      client.release();
    }
  }

  /** Every account, read now. Stripe's lists last: what Élan recorded before is in them. */
  async gather(): Promise<ReconciliationInput> {
    const payments = this.payments;
    if (!payments) throw new Error('no STRIPE_SECRET_KEY: the reconciliation cannot read Stripe’s lists');
    const [pledgeFacts, tipFacts, pledgeChain, tipChain, payoutChain] = await Promise.all([
      this.services.pledgeFacts(),
      this.services.tipFacts(),
      this.services.verifyPledgeStreams(),
      this.services.verifyTipStreams(),
      this.store.verify(),
    ]);
    const currencies = [...new Set(tipFacts.flatMap((fact) => (fact.paid ? [fact.paid.currency] : [])))];
    const tipLedger = await Promise.all(currencies.map((currency) => this.services.tipLedger(currency)));
    const ledgers = await this.ledgers();
    const statements = await this.statements();
    const [stripePayments, refunds, transfers, balanceTransactions] = await Promise.all([
      payments.listPayments(),
      payments.listRefunds(),
      payments.listTransfers(),
      payments.listBalanceTransactions(),
    ]);
    return {
      pledgeFacts,
      tipFacts,
      chains: {
        pledge: pledgeChain,
        tipping: tipChain,
        payout: { ...payoutChain, firstBrokenLink: payoutChain.firstBrokenLink ?? null },
      },
      ledgers,
      statements,
      tipLedger,
      stripe: { payments: stripePayments, refunds, transfers, balanceTransactions },
    };
  }

  private async streamsLike(prefix: string, client?: PoolClient): Promise<string[]> {
    const { rows } = await (client ?? this.store.pool).query<{ stream_id: string }>(
      `SELECT DISTINCT stream_id FROM ${this.store.schema}.events WHERE stream_id LIKE $1 ORDER BY stream_id`,
      [`${prefix}%`],
    );
    return rows.map((row) => row.stream_id);
  }

  private async ledgers(): Promise<CampaignLedger[]> {
    const ledgers: CampaignLedger[] = [];
    for (const streamId of await this.streamsLike(payoutLedgerStream(''))) {
      const events = (await this.store.readStream(streamId)) as unknown as PayoutLedgerEvent[];
      const campaignId = streamId.slice(payoutLedgerStream('').length);
      const reversals = events
        .filter((event): event is AdvanceReversalRecorded => event.type === 'AdvanceReversalRecorded')
        .map(({ data }) => ({ reversalId: data.reversalId, transferId: data.transferId, amount: data.amount }));
      ledgers.push({ campaignId, streamId, state: fold(payoutLedgerDecider, events), reversals });
    }
    return ledgers;
  }

  private async statements(): Promise<StatementRecord[]> {
    const statements: StatementRecord[] = [];
    for (const streamId of await this.streamsLike(statementStream(''))) {
      const state = fold(statementDecider, (await this.store.readStream(streamId)) as unknown as StatementEvent[]);
      if (state.status === 'none') continue;
      statements.push({
        statementId: state.drawn.statementId,
        campaignId: state.drawn.campaignId,
        streamId,
        netDue: state.drawn.lines.netDue,
        transferId: state.status === 'paid' ? state.transferId : null,
      });
    }
    return statements;
  }
}

const assertAdmin = (actor: Actor): void => {
  if (!actor.roles.includes('admin')) throw new ForbiddenError('only an admin may see or run the reconciliation');
};
