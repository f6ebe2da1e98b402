import type { EmulatorData } from './state';

/** What one balance transaction must move, by the object it records: money in is positive. */
const expectedMovement = (data: EmulatorData, source: string): number | undefined => {
  const charge = data.charges[source];
  if (charge) return charge.amount_captured;
  const refund = data.refunds[source];
  if (refund) return -refund.amount;
  const transfer = data.transfers[source];
  if (transfer) return -transfer.amount;
  const reversal = data.transferReversals[source];
  if (reversal) return reversal.amount;
  return undefined;
};

const sum = (amounts: number[]): number => amounts.reduce((total, amount) => total + amount, 0);

/**
 * Where the emulator's books disagree with themselves, to the cent; empty when they balance. Every
 * captured charge, refund, transfer and reversal has its balance transaction of exactly its amount;
 * each transaction's net plus fee is its amount; a charge's refunded amount is the sum of its
 * refunds; and, per currency, the balance moved equals captured − refunded − transferred + reversed.
 * Tests that move money end with it (the control API's `alterAmounts` is how a test unbalances them
 * on purpose, for the reconciliation of the payouts issue).
 */
export function unbalancedBooks(data: EmulatorData): string[] {
  const problems: string[] = [];
  const transactions = Object.values(data.balanceTransactions);
  for (const transaction of transactions) {
    if (transaction.net + transaction.fee !== transaction.amount)
      problems.push(`${transaction.id}: net ${transaction.net} + fee ${transaction.fee} ≠ amount ${transaction.amount}`);
    const source = String(transaction.source);
    const expected = expectedMovement(data, source);
    if (expected === undefined) problems.push(`${transaction.id}: its source ${source} does not exist`);
    else if (expected !== transaction.amount)
      problems.push(`${transaction.id}: moves ${transaction.amount}, but ${source} says ${expected}`);
  }
  const recorded = new Set(transactions.map((transaction) => String(transaction.source)));
  const captured = Object.values(data.charges).filter((charge) => charge.amount_captured > 0);
  const movers = [
    ...captured,
    ...Object.values(data.refunds),
    ...Object.values(data.transfers),
    ...Object.values(data.transferReversals),
  ];
  for (const mover of movers)
    if (!recorded.has(mover.id)) problems.push(`${mover.id}: moved money without a balance transaction`);
  for (const charge of captured) {
    const refunded = sum(
      Object.values(data.refunds)
        .filter((refund) => refund.charge === charge.id)
        .map((refund) => refund.amount),
    );
    if (refunded !== charge.amount_refunded)
      problems.push(`${charge.id}: amount_refunded ${charge.amount_refunded}, but its refunds sum to ${refunded}`);
  }
  for (const currency of new Set(transactions.map((transaction) => transaction.currency))) {
    const inCurrency = <T extends { currency: string; amount: number }>(items: T[]): number =>
      sum(items.filter((item) => item.currency === currency).map((item) => item.amount));
    const moved = inCurrency(transactions);
    const owed =
      sum(captured.filter((charge) => charge.currency === currency).map((charge) => charge.amount_captured)) -
      inCurrency(Object.values(data.refunds)) -
      inCurrency(Object.values(data.transfers)) +
      inCurrency(Object.values(data.transferReversals));
    if (moved !== owed) problems.push(`${currency}: the balance moved ${moved}, the objects say ${owed}`);
  }
  return problems;
}
