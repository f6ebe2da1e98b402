import type { Pool } from 'pg';
import { money, ValidationError, type Currency } from '@elan/domain-kernel';
import { tipLedger, type LedgerTip, type TipLedgerMonth } from '../tip';

export interface TipLedgerRange {
  readonly currency: Currency;
  /** First month, `YYYY-MM`, inclusive. */
  readonly from?: string;
  /** Last month, `YYYY-MM`, inclusive. */
  readonly to?: string;
}

interface LineRow {
  readonly paid_month: string;
  readonly amount: string;
  readonly refunded: boolean;
}

/** The public ledger, computed by the tip domain (`tipLedger`) from the read model's lines. */
export class TipLedgerQueries {
  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {}

  async months({ currency, from, to }: TipLedgerRange): Promise<TipLedgerMonth[]> {
    if (from && to && from > to) throw new ValidationError(`from (${from}) comes after to (${to})`, { field: 'from' });
    const { rows } = await this.pool.query<LineRow>(
      `SELECT paid_month, amount::text AS amount, refunded FROM ${this.schema}.tip_ledger_lines
       WHERE currency = $1 AND ($2::text IS NULL OR paid_month >= $2) AND ($3::text IS NULL OR paid_month <= $3)`,
      [currency, from ?? null, to ?? null],
    );
    const lines: LedgerTip[] = rows.map((row) => ({
      paidMonth: row.paid_month,
      amount: money(Number(row.amount), currency),
      refunded: row.refunded,
    }));
    return tipLedger(lines, currency);
  }
}
