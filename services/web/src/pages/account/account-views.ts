import type { ReplyOf, getPledge, listMyPledges } from '@elan/contracts';
import type { Problem } from '../../elan-api';
import type { MessageKey } from '../../i18n/messages.fr';

/** A pledge as the API shows it to its contributor (ADR 0030: the web imports only types). */
export type PledgeView = ReplyOf<typeof getPledge>;
export type MyPledges = ReplyOf<typeof listMyPledges>;

/** What a pledge page knows of its campaign: its title, its tiers; null when the campaign cannot be read. */
export interface PledgeCampaign {
  readonly title: string;
  readonly tiers: ReadonlyArray<{
    readonly tierId: string;
    readonly title: string;
    readonly minimumAmount: { readonly amount: number; readonly currency: string };
    readonly status: string;
  }>;
}

/** Who looks at a pledge: its contributor logged in, or a guest by their private link's token. */
export interface PledgeAccess {
  /** The guest's token, carried in the links and forms of the pledge's pages; undefined for an account. */
  readonly guestToken?: string | undefined;
}

/** The pledge's pages keep the guest's token in their links (`?token=`), never an account's. */
export const withToken = (path: string, access: PledgeAccess): string =>
  access.guestToken === undefined ? path : `${path}?token=${encodeURIComponent(access.guestToken)}`;

/** The pledge can be withdrawn or changed only once Stripe confirmed it (and before the deadline, which the API checks). */
export const isCommitted = (pledge: Pick<PledgeView, 'status'>): boolean => pledge.status === 'committed';
/** Only an all-or-nothing pledge is changed in place: nothing was charged yet. */
export const isChangeable = (pledge: Pick<PledgeView, 'status' | 'fundingModel'>): boolean =>
  isCommitted(pledge) && pledge.fundingModel === 'all_or_nothing';

/**
 * Why the API refused with 409, in the visitor's words: the deadline passed, the tier closed, or
 * the pledge is no longer in a state that allows it (the API's `details.field` tells them apart).
 */
export const refusalOf = (problem: Problem): MessageKey => {
  const field = (problem as Problem & { readonly details?: { readonly field?: unknown } }).details?.field;
  if (field === 'deadline') return 'refusal.deadline';
  if (field === 'tierId') return 'refusal.tier';
  return 'refusal.state';
};
