import type { ReplyOf, suggestTips } from '@elan/contracts';
import type { CampaignView } from '../../elan-api';
import type { FieldErrors } from '../forms';

export type TipSuggestions = ReplyOf<typeof suggestTips>;
export type Tier = CampaignView['tiers'][number];

/** The checkout's first step (a GET form): the amount as typed and the tier. */
export interface AmountStep {
  readonly amountText: string;
  /** The tier chosen, '' for none. */
  readonly tierId: string;
  readonly errors: FieldErrors;
}

/** Who pledges: the logged-in account (its name and address, as the API knows them), or a guest. */
export type Contributor = { readonly kind: 'account'; readonly name: string | null } | { readonly kind: 'guest' };

/** The checkout's second step (the POST form): the tip, the contributor's details, then the card. */
export interface DetailsStep {
  /** The pledge in minor units, read exactly from what was typed at the first step. */
  readonly amount: number;
  readonly currency: string;
  readonly tierId: string;
  /** The tipping service's suggestions for this amount; null when it could not be asked. */
  readonly suggestions: TipSuggestions | null;
  /** The tip radio chosen: '' (none yet), a number of minor units, or 'custom'. */
  readonly tip: string;
  readonly tipCustom: string;
  readonly name: string;
  readonly email: string;
  readonly showName: boolean;
  readonly message: string;
  /** The Idempotency-Key this form's POST is sent with: a double submit places one pledge. */
  readonly idem: string;
  readonly contributor: Contributor;
  readonly errors: FieldErrors;
  /** A refusal that names no field (409: sold out, the campaign closed…). */
  readonly general?: string | undefined;
}
