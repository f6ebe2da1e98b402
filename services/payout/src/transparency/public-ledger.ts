import { MAX_FACTS_PER_FIGURE, type getCampaignLedger, type ReplyOf } from '@elan/contracts';
import { money, type Money } from '@elan/domain-kernel';
import type { VerificationReport } from '@elan/event-store';
import { balanceOf, evolveLedger, initialLedger, type PayoutLedgerEvent, type StatementRecorded } from '../ledger';
import { statementStream, type StatementPaid } from '../statement';

export type CampaignLedger = ReplyOf<typeof getCampaignLedger>;
type Fact = CampaignLedger['head'];

/** An event as the public ledger reads it: its place in the chain, its type and its data. */
export interface LinkedEvent {
  readonly position: number;
  readonly hash: string;
  readonly type: string;
  readonly data: unknown;
}

export interface LedgerStreams {
  readonly campaignId: string;
  /** The campaign's `payoutledger-` stream, in order; at least one event. */
  readonly ledger: readonly LinkedEvent[];
  /** Each statement's `payout-` stream by statement id, in order. */
  readonly statements: ReadonlyMap<string, readonly LinkedEvent[]>;
  /** The store's verification of each stream involved, ledger first. */
  readonly chains: readonly { readonly streamId: string; readonly report: VerificationReport }[];
}

/** The most recent facts, oldest first: enough to check, bounded however long the campaign runs. */
const recent = (facts: readonly Fact[]): Fact[] => facts.slice(-MAX_FACTS_PER_FIGURE);

const sum = (amounts: readonly Money[], currency: string): Money =>
  money(
    amounts.reduce((total, amount) => total + amount.amount, 0),
    currency as Money['currency'],
  );

/**
 * A campaign's public ledger, folded from its streams (pure): the ledger's own arithmetic
 * (`balanceOf`) for collected, refunded, reversed, still due and advanced; the statements'
 * StatementPaid for what was paid out. `balances` checks the two sides against each other: each
 * statement paid what the ledger stated for it, and collected − refunded = paid out − reversed +
 * still due − advanced (an amount altered in the ledger itself is the chains' business). Nothing personal leaves it:
 * amounts, counts, stream ids, positions, hashes.
 */
export function campaignLedgerOf(streams: LedgerStreams): CampaignLedger {
  const streamId = `payoutledger-${streams.campaignId}`;
  const last = streams.ledger.at(-1);
  if (!last) throw new RangeError(`${streamId} has no event`);
  const state = streams.ledger.reduce(
    (current, event) => evolveLedger(current, { type: event.type, data: event.data } as PayoutLedgerEvent),
    initialLedger(),
  );
  const balance = balanceOf(state);
  const currency = balance.currency;
  const factOf = (id: string, event: LinkedEvent): Fact => ({ streamId: id, position: event.position, hash: event.hash });
  const ledgerFacts = (type: PayoutLedgerEvent['type']) =>
    streams.ledger.filter((event) => event.type === type).map((event) => factOf(streamId, event));

  const paid: { fact: Fact; amount: Money; stated: Money }[] = [];
  const unpaid: { fact: Fact; amount: Money }[] = [];
  for (const event of streams.ledger.filter((e) => e.type === 'StatementRecorded')) {
    const { statementId, netDue } = event.data as StatementRecorded['data'];
    const statement = streams.statements.get(statementId) ?? [];
    const paidEvent = statement.find((e) => e.type === 'StatementPaid');
    if (paidEvent)
      paid.push({
        fact: factOf(statementStream(statementId), paidEvent),
        amount: (paidEvent.data as StatementPaid['data']).amount,
        stated: netDue,
      });
    else unpaid.push({ fact: factOf(streamId, event), amount: netDue });
  }
  const paidOut = sum(
    paid.map((p) => p.amount),
    currency,
  );
  const stillDue = money(
    balance.netDue.amount +
      sum(
        unpaid.map((u) => u.amount),
        currency,
      ).amount,
    currency,
  );
  // Each transfer paid what the ledger stated for it, and the two sides add up.
  const balances =
    paid.every((p) => p.amount.amount === p.stated.amount && p.amount.currency === p.stated.currency) &&
    balance.collected.amount.amount - balance.refunded.amount.amount ===
      paidOut.amount - balance.reversed.amount.amount + stillDue.amount - balance.outstandingAdvance.amount;
  const chains = streams.chains.map(({ streamId: id, report }) => ({
    streamId: id,
    ok: report.ok,
    eventsChecked: report.eventsChecked,
    firstBrokenLink: report.firstBrokenLink
      ? { position: report.firstBrokenLink.streamPosition, reason: report.firstBrokenLink.reason }
      : null,
  }));
  return {
    campaignId: streams.campaignId,
    currency,
    head: factOf(streamId, last),
    collected: { ...balance.collected, facts: recent(ledgerFacts('PledgeChargeRecorded')) },
    refunded: { ...balance.refunded, facts: recent(ledgerFacts('PledgeRefundRecorded')) },
    paidOut: { count: paid.length, amount: paidOut, facts: recent(paid.map((p) => p.fact)) },
    reversed: { ...balance.reversed, facts: recent(ledgerFacts('AdvanceReversalRecorded')) },
    stillDue,
    stillDueFacts: recent(unpaid.map((u) => u.fact)),
    advancedByPlatform: balance.outstandingAdvance,
    balances,
    chains,
    verified: chains.every((chain) => chain.ok),
  };
}
