import { createHash } from 'node:crypto';
import { RECEIPT_STATEMENT, type PledgeReceipt } from '@elan/contracts';
import { escapeHtml, RECEIPT_PAGE_POLICY, receiptPage } from './receipt-page';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const PLEDGE = '0190f3a4-5b6c-7d8e-9f01-000000000003';

const receipt = (overrides: Partial<PledgeReceipt> = {}): PledgeReceipt => ({
  receiptNumber: PLEDGE,
  pledgeId: PLEDGE,
  campaign: { campaignId: '0190f3a4-5b6c-7d8e-9f01-23456789abcd', title: 'Le four <script>alert(1)</script>' },
  fundingModel: 'keep_it_all',
  lines: [
    { kind: 'pledge', description: 'Pledge to “Le four <script>alert(1)</script>”', amount: eur(3_000) },
    { kind: 'tip', description: 'Voluntary tip to the Élan platform', amount: eur(0) },
  ],
  total: eur(3_000),
  paidAt: '2026-03-02T08:15:00.000Z',
  contributor: { name: `O'Brien & "Sons"`, email: 'erased' },
  refund: null,
  statement: { ...RECEIPT_STATEMENT },
  facts: { streamId: `pledge-${PLEDGE}`, position: 3, hash: 'ab'.repeat(32) },
  ...overrides,
});

describe('the printable receipt', () => {
  it('escapes every value it shows', () => {
    const page = receiptPage(receipt());

    expect(page).not.toContain('<script>');
    expect(page).toContain('Le four &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('O&#39;Brien &amp; &quot;Sons&quot;');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('shows the tip on its own line, even at 0, the total, and the statement in English and French', () => {
    const page = receiptPage(receipt());

    expect(page).toContain('<td>Voluntary tip to the Élan platform</td><td class="amount">0.00 EUR</td>');
    expect(page).toContain('<tr class="total"><td>Total charged</td><td class="amount">30.00 EUR</td></tr>');
    expect(page).toContain(RECEIPT_STATEMENT.en);
    expect(page).toContain(RECEIPT_STATEMENT.fr);
    expect(page).not.toContain('Refund');
  });

  it('shows a refund when there was one', () => {
    const refund = { refundedAt: '2026-03-05T10:00:00.000Z', pledge: eur(3_000), tip: eur(0), total: eur(3_000) };
    const page = receiptPage(receipt({ refund }));

    expect(page).toContain('<h2>Refund</h2>');
    expect(page).toContain('<td>Total refunded</td><td class="amount">30.00 EUR</td>');
  });

  it('names the stream position and hash of its facts, and how to check them against a checkpoint', () => {
    const page = receiptPage(receipt());

    expect(page).toContain(`event 3 of the stream <code>pledge-${PLEDGE}</code>, hash <code>${'ab'.repeat(32)}</code>`);
    expect(page).toContain(`npm run verify-ledger -- &lt;base URL&gt; --fact pledge-${PLEDGE}:3:${'ab'.repeat(32)}`);
  });

  it('loads nothing, and its policy allows exactly its own style', () => {
    const page = receiptPage(receipt());
    const style = /<style>(.*)<\/style>/.exec(page)?.[1] ?? '';
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');

    expect(page).not.toMatch(/<script|<link|<img|src=|href=|url\(/);
    expect(RECEIPT_PAGE_POLICY).toContain(`style-src 'sha256-${hash}'`);
    expect(RECEIPT_PAGE_POLICY).toMatch(/^default-src 'none';/);
    expect(RECEIPT_PAGE_POLICY).not.toContain('unsafe-inline');
  });
});
