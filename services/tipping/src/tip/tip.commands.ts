import type { Command, CommandMetadata, Money } from '@elan/domain-kernel';

/** Every tip command is decided at a time given by the caller, never read from the machine. */
export interface TimedMetadata extends CommandMetadata {
  /** When the command is decided (from the handler's `Clock`). */
  readonly now: Date;
}

/** Roles that matter to tips, as the gateway authenticated them. */
export type TipActorRole = 'contributor' | 'holder' | 'moderator' | 'admin';

/** A command someone asks for through the API: who asks, and as what. */
export interface ActorMetadata extends TimedMetadata {
  /** The account id, or the guest reference the gateway resolved from a guest's private link. */
  readonly actor: string;
  readonly roles: readonly TipActorRole[];
}

type ActorCommand<Type extends string, Data> = Command<Type, Data> & { readonly metadata: ActorMetadata };
/** Issued by the service itself in reaction to the pledge service's integration events. */
type SystemCommand<Type extends string, Data> = Command<Type, Data> & { readonly metadata: TimedMetadata };

/** Records the tip chosen with a new pledge (0 allowed: an explicit "no tip"). */
export type OfferTip = SystemCommand<
  'OfferTip',
  {
    readonly tipId: string;
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly contributorRef: string;
    readonly amount: Money;
    readonly pledgeAmount: Money;
  }
>;

/** The pledge's payment covering the tip succeeded or was collected. */
export type RecordTipPayment = SystemCommand<
  'RecordTipPayment',
  { readonly tipId: string; readonly pledgeId: string; readonly paymentId: string }
>;

/** Refunds the tip alone: its contributor within the refund window, or an admin at any time. */
export type RefundTip = ActorCommand<'RefundTip', { readonly tipId: string }>;

/** The tip's pledge was refunded: a paid tip goes with it. */
export type RefundTipWithPledge = SystemCommand<'RefundTipWithPledge', { readonly tipId: string; readonly pledgeId: string }>;

/** The tip's pledge was released, cancelled or dropped before payment: the tip is never charged. */
export type ReleaseTipWithPledge = SystemCommand<'ReleaseTipWithPledge', { readonly tipId: string; readonly pledgeId: string }>;

export type TipCommand = OfferTip | RecordTipPayment | RefundTip | RefundTipWithPledge | ReleaseTipWithPledge;
