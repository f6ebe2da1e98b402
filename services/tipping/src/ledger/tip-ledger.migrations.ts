import type { MigrationSteps } from '@elan/event-store';

/**
 * The public ledger's read model: one line per paid pledge's tip (`ledgerLineOf`), keyed by the
 * tip so a replayed event rewrites the same line. No contributor, pledge or campaign column: what
 * the ledger publishes cannot name anyone, and neither can the table it is computed from.
 */
export const tipLedgerMigrations: MigrationSteps = (s) => [
  {
    id: 'tip-ledger/0001-lines',
    sql: `
      CREATE TABLE ${s}.tip_ledger_lines (
        tip_id     uuid    PRIMARY KEY,
        paid_month char(7) NOT NULL CHECK (paid_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        amount     bigint  NOT NULL CHECK (amount >= 0),
        currency   char(3) NOT NULL,
        refunded   boolean NOT NULL
      );
      CREATE INDEX tip_ledger_lines_by_month ON ${s}.tip_ledger_lines (currency, paid_month);`,
  },
];
