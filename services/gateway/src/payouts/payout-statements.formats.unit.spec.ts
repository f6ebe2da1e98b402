import { formatOf, statementsCsv, statementsPage, STATEMENTS_CSV_HEADER, type Statement } from './payout-statements.formats';

const CAMPAIGN = '01950000-0000-7000-8000-0000000c0002';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const paid: Statement = {
  statementId: '01950000-0000-7000-8000-0000000c0003',
  campaignId: CAMPAIGN,
  holderId: '01950000-0000-7000-8000-0000000c0001',
  sequence: 1,
  fundingModel: 'keep_it_all',
  trigger: 'holder_request',
  status: 'paid',
  drawnAt: '2026-11-03T09:00:00Z',
  lines: {
    pledgesCollected: { count: 3, amount: eur(9_000) },
    pledgesRefunded: { count: 1, amount: eur(3_000) },
    refundsAlreadyNetted: { count: 0, amount: eur(0) },
    previouslyStated: { count: 0, amount: eur(0) },
    platformAdvances: { count: 0, amount: eur(0) },
    advancesReversed: { count: 0, amount: eur(0) },
    netDue: eur(6_000),
    processingFeesBorneByPlatform: eur(210),
    tips: 'excluded',
  },
  transfer: {
    transferGroup: `campaign-${CAMPAIGN}`,
    transferId: 'tr_1QxYz2AbCdEf',
    paidAt: '2026-11-03T09:00:02Z',
    attempts: 1,
    lastFailure: null,
    nextAttemptAt: null,
  },
  waitingFor: null,
  covers: { streamId: `payoutledger-${CAMPAIGN}`, position: 5, hash: 'ab'.repeat(32) },
  facts: { streamId: `payoutledger-${CAMPAIGN}`, position: 6, hash: 'cd'.repeat(32) },
};
const waiting: Statement = {
  ...paid,
  status: 'awaiting_account',
  transfer: { ...paid.transfer, transferId: null, paidAt: null, attempts: 0, nextAttemptAt: '2026-11-03T09:01:00Z' },
  waitingFor: {
    reason: 'Stripe still needs your bank account.',
    requirements: ['external_account'],
    since: '2026-11-03T09:00:01Z',
  },
};

describe('the payouts formats', () => {
  it('chooses ?format= first, then the Accept header, JSON by default', () => {
    expect(formatOf('csv', 'text/html')).toBe('csv');
    expect(formatOf(undefined, 'text/csv')).toBe('csv');
    expect(formatOf(undefined, 'text/html,application/xhtml+xml')).toBe('html');
    expect(formatOf(undefined, undefined)).toBe('json');
  });

  it('writes one CSV record per statement, amounts in major units from the integers', () => {
    const csv = statementsCsv([paid, waiting]);
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(STATEMENTS_CSV_HEADER.join(','));
    expect(lines).toHaveLength(4); // header, two records, and the empty string after the last CRLF
    const cells = lines[1]?.split(',') ?? [];
    expect(cells[STATEMENTS_CSV_HEADER.indexOf('net_due')]).toBe('60.00');
    expect(cells[STATEMENTS_CSV_HEADER.indexOf('pledges_refunded')]).toBe('30.00');
    expect(cells[STATEMENTS_CSV_HEADER.indexOf('processing_fees_borne_by_platform')]).toBe('2.10');
    expect(cells[STATEMENTS_CSV_HEADER.indexOf('transfer_id')]).toBe('tr_1QxYz2AbCdEf');
    // The fact the statement reports, as verify-ledger's --fact takes it; none for a statement drawn before facts.
    expect(cells[STATEMENTS_CSV_HEADER.indexOf('fact')]).toBe(`payoutledger-${CAMPAIGN}:6:${'cd'.repeat(32)}`);
    const older =
      statementsCsv([{ ...paid, facts: null }])
        .replace(/^\uFEFF/, '')
        .split('\r\n')[1]
        ?.split(',') ?? [];
    expect(older[STATEMENTS_CSV_HEADER.indexOf('fact')]).toBe('');
  });

  it('names on the printable page the ledger fact a statement reports', () => {
    expect(statementsPage('My payouts', [paid])).toContain(`--fact payoutledger-${CAMPAIGN}:6:${'cd'.repeat(32)}`);
    expect(statementsPage('My payouts', [{ ...paid, facts: null }])).not.toContain('--fact');
  });

  it('prints every value escaped, and says why a statement waits', () => {
    const hostile = {
      ...waiting,
      waitingFor: { reason: '<script>alert(1)</script>', requirements: [], since: 'x' },
    };
    const page = statementsPage('My payouts', [paid, hostile]);
    expect(page).toContain('60.00 EUR');
    expect(page).toContain('Tips are excluded');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>');
  });
});
