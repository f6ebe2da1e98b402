import { IllegalStateError, type Money } from '@elan/domain-kernel';
import { definedOnly } from './campaign-fields';
import type { CampaignEvent } from './campaign.events';
import type {
  CampaignCategory,
  CampaignChanges,
  CampaignLocation,
  CampaignUpdate,
  FundingModel,
  Instant,
  StretchGoal,
  Tier,
  TierChanges,
} from './campaign.values';

/** What every existing campaign has, whatever its status. */
export interface CampaignProfile {
  readonly campaignId: string;
  readonly holderId: string;
  readonly title: string;
  readonly summary: string;
  readonly story: string;
  readonly category: CampaignCategory;
  readonly imageUrl?: string;
  readonly fundingModel: FundingModel;
  readonly location: CampaignLocation;
  readonly stretchGoals: readonly StretchGoal[];
  readonly tiers: readonly Tier[];
  readonly updates: readonly CampaignUpdate[];
  readonly createdAt: Instant;
}

/** Goal and dates: possibly missing in a draft, always there from submission on. */
export interface CampaignPlan {
  readonly goal: Money;
  readonly startsAt: Instant;
  readonly deadline: Instant;
}

export interface Approval {
  readonly approvedBy: string;
  readonly approvedAt: Instant;
}

export interface Rejection {
  readonly rejectedBy: string;
  readonly reason: string;
  readonly rejectedAt: Instant;
}

export interface NoCampaign {
  readonly status: 'none';
}

export interface DraftCampaign extends CampaignProfile, Partial<CampaignPlan> {
  readonly status: 'draft';
  /** The last rejection, shown to the holder until the campaign is submitted again. */
  readonly rejection?: Rejection;
}

export interface SubmittedCampaign extends CampaignProfile, CampaignPlan {
  readonly status: 'submitted';
  readonly submittedAt: Instant;
}

/** Approved and scheduled: goes live at `startsAt`. */
export interface ApprovedCampaign extends CampaignProfile, CampaignPlan, Approval {
  readonly status: 'approved';
}

export interface LiveCampaign extends CampaignProfile, CampaignPlan, Approval {
  readonly status: 'live';
  readonly launchedAt: Instant;
}

/** Closed at its deadline: `succeeded` or `failed` (all-or-nothing), `ended` (keep-it-all). */
export interface ClosedCampaign extends CampaignProfile, CampaignPlan, Approval {
  readonly status: 'succeeded' | 'failed' | 'ended';
  readonly launchedAt: Instant;
  readonly committedTotal: Money;
  readonly backers: number;
  readonly closedAt: Instant;
}

export interface CancelledCampaign extends CampaignProfile, CampaignPlan, Approval {
  readonly status: 'cancelled';
  readonly launchedAt?: Instant;
  readonly cancelledBy: string;
  readonly reason: string;
  readonly cancelledAt: Instant;
}

export type CampaignState =
  | NoCampaign
  | DraftCampaign
  | SubmittedCampaign
  | ApprovedCampaign
  | LiveCampaign
  | ClosedCampaign
  | CancelledCampaign;

export type CampaignStatus = CampaignState['status'];
export type ExistingCampaign = Exclude<CampaignState, NoCampaign>;
export type CampaignIn<S extends CampaignStatus> = Extract<CampaignState, { status: S }>;

export const initialState = (): CampaignState => ({ status: 'none' });

export const isIn = <S extends CampaignStatus>(state: CampaignState, statuses: readonly S[]): state is CampaignIn<S> =>
  (statuses as readonly CampaignStatus[]).includes(state.status);

/** Events come from `decide`, so one that does not fit the state means a corrupt stream: stop loudly. */
const applicable = <S extends CampaignStatus>(
  state: CampaignState,
  event: CampaignEvent,
  statuses: readonly S[],
): CampaignIn<S> => {
  if (isIn(state, statuses)) return state;
  throw new IllegalStateError(`${event.type} cannot apply to a campaign in status ${state.status}`, {
    event: event.type,
    status: state.status,
  });
};

type EditableCampaign = CampaignIn<'draft' | 'approved' | 'live'>;

const edited = (state: EditableCampaign, changes: CampaignChanges): EditableCampaign => {
  const { imageUrl, ...rest } = changes;
  const next = { ...state, ...definedOnly(rest) };
  if (imageUrl === undefined) return next;
  if (imageUrl !== null) return { ...next, imageUrl };
  const { imageUrl: _removed, ...withoutImage } = next;
  return withoutImage;
};

const tierEdited = (tier: Tier, changes: TierChanges): Tier => {
  const { estimatedDelivery, ...rest } = changes;
  const next: Tier = { ...tier, ...definedOnly(rest) };
  if (estimatedDelivery === undefined) return next;
  if (estimatedDelivery !== null) return { ...next, estimatedDelivery };
  const { estimatedDelivery: _removed, ...withoutEstimate } = next;
  return withoutEstimate;
};

const withTiers = <S extends ExistingCampaign>(state: S, tiers: (current: readonly Tier[]) => readonly Tier[]): S => ({
  ...state,
  tiers: tiers(state.tiers),
});

const mapTier = (tierId: string, change: (tier: Tier) => Tier) => (tiers: readonly Tier[]) =>
  tiers.map((tier) => (tier.tierId === tierId ? change(tier) : tier));

/** The status each closing event leads to. */
const OUTCOMES = { CampaignSucceeded: 'succeeded', CampaignFailed: 'failed', CampaignEnded: 'ended' } as const;

const MANAGED: readonly ('draft' | 'approved' | 'live')[] = ['draft', 'approved', 'live'];

export const evolve = (state: CampaignState, event: CampaignEvent): CampaignState => {
  switch (event.type) {
    case 'CampaignCreated': {
      applicable(state, event, ['none']);
      const { createdAt, ...data } = event.data;
      return { ...definedOnly(data), status: 'draft', tiers: [], updates: [], createdAt };
    }
    case 'CampaignEdited':
      return edited(applicable(state, event, MANAGED), event.data.changes);
    case 'CampaignSubmitted': {
      const { rejection: _shownUntilNow, ...draft } = applicable(state, event, ['draft']);
      const { goal, startsAt, deadline, submittedAt } = event.data;
      return { ...draft, status: 'submitted', goal, startsAt, deadline, submittedAt };
    }
    case 'CampaignApproved': {
      const { submittedAt: _submittedAt, ...submitted } = applicable(state, event, ['submitted']);
      const { approvedBy, approvedAt } = event.data;
      return { ...submitted, status: 'approved', approvedBy, approvedAt };
    }
    case 'CampaignRejected': {
      const { submittedAt: _submittedAt, ...submitted } = applicable(state, event, ['submitted']);
      const { rejectedBy, reason, rejectedAt } = event.data;
      return { ...submitted, status: 'draft', rejection: { rejectedBy, reason, rejectedAt } };
    }
    case 'CampaignLaunched':
      return { ...applicable(state, event, ['approved']), status: 'live', launchedAt: event.data.launchedAt };
    case 'CampaignSucceeded':
    case 'CampaignFailed':
    case 'CampaignEnded': {
      const { committedTotal, backers, closedAt } = event.data;
      const status = OUTCOMES[event.type];
      return { ...applicable(state, event, ['live']), status, committedTotal, backers, closedAt };
    }
    case 'CampaignCancelled': {
      const { cancelledBy, reason, cancelledAt } = event.data;
      const running = applicable(state, event, ['approved', 'live']);
      return { ...running, status: 'cancelled', cancelledBy, reason, cancelledAt };
    }
    case 'TierAdded':
      return withTiers(applicable(state, event, MANAGED), (tiers) => [...tiers, event.data.tier]);
    case 'TierEdited':
      return withTiers(
        applicable(state, event, MANAGED),
        mapTier(event.data.tierId, (tier) => tierEdited(tier, event.data.changes)),
      );
    case 'TierClosed':
      return withTiers(
        applicable(state, event, MANAGED),
        mapTier(event.data.tierId, (tier) => ({ ...tier, status: 'closed' })),
      );
    case 'TierRemoved':
      return withTiers(applicable(state, event, ['draft']), (tiers) =>
        tiers.filter((tier) => tier.tierId !== event.data.tierId),
      );
    case 'CampaignUpdatePosted': {
      const current = applicable(state, event, ['approved', 'live', 'succeeded', 'failed', 'ended']);
      return { ...current, updates: [...current.updates, event.data.update] };
    }
  }
};
