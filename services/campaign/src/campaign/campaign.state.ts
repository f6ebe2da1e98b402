import { IllegalStateError, type Money } from '@elan/domain-kernel';
import { definedOnly } from './campaign-fields';
import type { CampaignEvent } from './campaign.events';
import { WATCHED_PARTS } from './campaign.values';
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
  WatchedPart,
} from './campaign.values';

/** What every existing campaign has, whatever its status. */
export interface CampaignProfile {
  readonly campaignId: string;
  readonly holderId: string;
  readonly title: string;
  readonly summary: string;
  /** Absent when there is none. */
  readonly plainLanguageSummary?: string;
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

/** What changed since a moderator last looked (ADR 0012). */
export interface ChangesSinceApproval {
  /** How many changes were recorded since approval; 0 until the first. */
  readonly changeVersion: number;
  /** The parts changed since the last acknowledgement, in `WATCHED_PARTS` order. */
  readonly unacknowledged: readonly WatchedPart[];
  /** A new image waiting for a moderator; `imageUrl` is the one shown meanwhile. */
  readonly pendingImageUrl?: string;
}

export interface Approval {
  readonly approvedBy: string;
  readonly approvedAt: Instant;
  readonly sinceApproval: ChangesSinceApproval;
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

/** Past its deadline, no more pledges: waiting for the pledge service's tally (ADR 0008). */
export interface ClosingCampaign extends CampaignProfile, CampaignPlan, Approval {
  readonly status: 'closing';
  readonly launchedAt: Instant;
  readonly deadlineReachedAt: Instant;
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
  | ClosingCampaign
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

/** An optional field set to `value`, removed with `null`, left as it is when `undefined`. */
const withOptional = <S extends object>(
  state: S,
  key: 'imageUrl' | 'plainLanguageSummary',
  value: string | null | undefined,
): S => {
  if (value === undefined) return state;
  if (value !== null) return { ...state, [key]: value };
  const { [key]: _removed, ...without } = state as Record<string, unknown>;
  return without as S;
};

const edited = (state: EditableCampaign, changes: CampaignChanges): EditableCampaign => {
  const { imageUrl, plainLanguageSummary, ...rest } = changes;
  const next = withOptional({ ...state, ...definedOnly(rest) }, 'plainLanguageSummary', plainLanguageSummary);
  return withOptional(next, 'imageUrl', imageUrl);
};

type ReviewedCampaign = CampaignIn<'approved' | 'live' | 'closing' | 'succeeded' | 'failed' | 'ended' | 'cancelled'>;

/** Every status a campaign reaches once approved: changes made while live stay to review after it ends. */
const REVIEWED: readonly ReviewedCampaign['status'][] = [
  'approved',
  'live',
  'closing',
  'succeeded',
  'failed',
  'ended',
  'cancelled',
];

const withParts = (parts: readonly WatchedPart[], part: WatchedPart): readonly WatchedPart[] =>
  WATCHED_PARTS.filter((watched) => watched === part || parts.includes(watched));

const withoutPart = (parts: readonly WatchedPart[], part: WatchedPart): readonly WatchedPart[] =>
  parts.filter((watched) => watched !== part);

const reviewed = <S extends ReviewedCampaign>(state: S, change: (since: ChangesSinceApproval) => ChangesSinceApproval): S => ({
  ...state,
  sinceApproval: change(state.sinceApproval),
});

/** The image is settled one way or the other: nothing waits any more. */
const noPendingImage = (since: ChangesSinceApproval): ChangesSinceApproval => {
  const { pendingImageUrl: _settled, ...rest } = since;
  return { ...rest, unacknowledged: withoutPart(since.unacknowledged, 'imageUrl') };
};

/** Tiers, stretch goals and updates added or changed once approved are listed for moderators too. */
const noted = (state: CampaignState, part: WatchedPart): CampaignState => {
  if (!isIn(state, REVIEWED)) return state;
  return reviewed(state, (since) => ({
    ...since,
    changeVersion: since.changeVersion + 1,
    unacknowledged: withParts(since.unacknowledged, part),
  }));
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

/** A live or closing campaign without what only `closing` holds. */
const profileOf = (campaign: CampaignIn<'live' | 'closing'>): Omit<LiveCampaign, 'status'> => {
  if (campaign.status === 'live') return campaign;
  const { deadlineReachedAt: _reached, ...rest } = campaign;
  return rest;
};

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
      return {
        ...submitted,
        status: 'approved',
        approvedBy,
        approvedAt,
        sinceApproval: { changeVersion: 0, unacknowledged: [] },
      };
    }
    case 'CampaignRejected': {
      const { submittedAt: _submittedAt, ...submitted } = applicable(state, event, ['submitted']);
      const { rejectedBy, reason, rejectedAt } = event.data;
      return { ...submitted, status: 'draft', rejection: { rejectedBy, reason, rejectedAt } };
    }
    case 'CampaignLaunched':
      return { ...applicable(state, event, ['approved']), status: 'live', launchedAt: event.data.launchedAt };
    case 'CampaignDeadlineReached':
      return { ...applicable(state, event, ['live']), status: 'closing', deadlineReachedAt: event.data.reachedAt };
    case 'CampaignSucceeded':
    case 'CampaignFailed':
    case 'CampaignEnded': {
      const { committedTotal, backers, closedAt } = event.data;
      const status = OUTCOMES[event.type];
      // Closing since ADR 0008's two steps; logs written before them closed live campaigns in one.
      const closing = applicable(state, event, ['live', 'closing']);
      return { ...profileOf(closing), status, committedTotal, backers, closedAt };
    }
    case 'CampaignCancelled': {
      const { cancelledBy, reason, cancelledAt } = event.data;
      const running = applicable(state, event, ['approved', 'live']);
      return { ...running, status: 'cancelled', cancelledBy, reason, cancelledAt };
    }
    case 'TierAdded':
      return noted(
        withTiers(applicable(state, event, MANAGED), (tiers) => [...tiers, event.data.tier]),
        'tiers',
      );
    case 'TierEdited':
      return noted(
        withTiers(
          applicable(state, event, MANAGED),
          mapTier(event.data.tierId, (tier) => tierEdited(tier, event.data.changes)),
        ),
        'tiers',
      );
    case 'TierClosed':
      return withTiers(
        applicable(state, event, MANAGED),
        mapTier(event.data.tierId, (tier) => ({ ...tier, status: 'closed' })),
      );
    case 'TierRemoved':
      return withTiers(applicable(state, event, ['draft']), (tiers) => tiers.filter((tier) => tier.tierId !== event.data.tierId));
    case 'CampaignUpdatePosted': {
      const current = applicable(state, event, ['approved', 'live', 'closing', 'succeeded', 'failed', 'ended']);
      return noted({ ...current, updates: [...current.updates, event.data.update] }, 'updates');
    }
    case 'CampaignPublicTextChanged': {
      const { changes, changeVersion } = event.data;
      const parts = Object.keys(definedOnly(changes)) as WatchedPart[];
      const { plainLanguageSummary, ...words } = changes;
      const current = applicable(state, event, ['approved', 'live']);
      const next = withOptional({ ...current, ...definedOnly(words) }, 'plainLanguageSummary', plainLanguageSummary);
      return reviewed(next, (since) => ({
        ...since,
        changeVersion,
        unacknowledged: parts.reduce(withParts, since.unacknowledged),
      }));
    }
    case 'CampaignImageChangeProposed': {
      const { imageUrl, changeVersion } = event.data;
      return reviewed(applicable(state, event, ['approved', 'live']), (since) => ({
        ...since,
        changeVersion,
        unacknowledged: withParts(since.unacknowledged, 'imageUrl'),
        pendingImageUrl: imageUrl,
      }));
    }
    case 'CampaignStretchGoalsAdded': {
      const { stretchGoals, changeVersion } = event.data;
      const current = applicable(state, event, ['approved', 'live']);
      return reviewed({ ...current, stretchGoals: [...current.stretchGoals, ...stretchGoals] }, (since) => ({
        ...since,
        changeVersion,
        unacknowledged: withParts(since.unacknowledged, 'stretchGoals'),
      }));
    }
    case 'CampaignImageRemoved': {
      const { imageUrl: _removed, ...withoutImage } = applicable(state, event, ['approved', 'live']);
      return reviewed(withoutImage, noPendingImage);
    }
    case 'CampaignImageChangeAcknowledged':
      return reviewed({ ...applicable(state, event, REVIEWED), imageUrl: event.data.imageUrl }, noPendingImage);
    case 'CampaignImageChangeRefused':
      return reviewed(applicable(state, event, REVIEWED), noPendingImage);
    case 'CampaignChangesAcknowledged':
      return reviewed(applicable(state, event, REVIEWED), (since) => ({ ...since, unacknowledged: [] }));
  }
};
