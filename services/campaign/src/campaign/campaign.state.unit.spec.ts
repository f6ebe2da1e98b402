import { asEvents, eur, fold, IllegalStateError } from '@elan/domain-kernel';
import type { CampaignCommand } from './campaign.commands';
import { campaignDecider } from './campaign.decider';
import type { CampaignEvent } from './campaign.events';
import type { CampaignState } from './campaign.state';
import {
  addTier,
  approveCampaign,
  asHolder,
  asModerator,
  campaignCreated,
  campaignLaunched,
  campaignRejected,
  campaignSubmitted,
  CAMPAIGN_ID,
  closeCampaign,
  recordPledgeTally,
  closeTier,
  createCampaign,
  DEADLINE,
  editCampaign,
  editTier,
  GOAL,
  HOLDER_ID,
  launchCampaign,
  MODERATOR_ID,
  NOW,
  OTHER_TIER_ID,
  postCampaignUpdate,
  rejectCampaign,
  removeTier,
  shifted,
  STARTS_AT,
  STRETCH_GOAL_ID,
  submitCampaign,
  TIER_ID,
  tierDefinition,
  UPDATE_ID,
} from './campaign.fixtures';

/** Runs commands one after the other, as the command handler does: fold, decide, append. */
const run = (commands: readonly CampaignCommand[]): { events: CampaignEvent[]; state: CampaignState } => {
  const events: CampaignEvent[] = [];
  for (const command of commands) events.push(...asEvents(campaignDecider.decide(command, fold(campaignDecider, events))));
  return { events, state: fold(campaignDecider, events) };
};

const later = (ms: number): Date => shifted(NOW, ms);

describe('a campaign’s whole life, folded from its events', () => {
  const { events, state } = run([
    createCampaign(),
    addTier(),
    addTier(tierDefinition({ tierId: OTHER_TIER_ID, title: 'Un atelier', minimumAmount: eur(6_000), quantityLimit: null })),
    removeTier(asHolder(), OTHER_TIER_ID),
    submitCampaign(asHolder(later(1_000))),
    rejectCampaign('Précisez le budget.', asModerator(later(2_000))),
    editCampaign({ story: 'Budget : four 4 000 €, pose 1 000 €.' }, asHolder(later(3_000))),
    submitCampaign(asHolder(later(4_000))),
    approveCampaign(asModerator(later(5_000))),
    launchCampaign(),
    launchCampaign(shifted(STARTS_AT, 1_000)),
    editCampaign({ imageUrl: null }, asHolder(new Date(STARTS_AT))),
    editTier({ estimatedDelivery: null, title: 'Une miche au levain' }, asHolder(new Date(STARTS_AT))),
    closeTier(asHolder(new Date(STARTS_AT))),
    postCampaignUpdate({}, asHolder(new Date(STARTS_AT))),
    closeCampaign(),
    closeCampaign(),
    recordPledgeTally(eur(512_300), 131),
    recordPledgeTally(eur(512_300), 131),
  ]);

  it('records one event per effective command, none for the repeated launch, close and tally', () =>
    expect(events.map((event) => event.type)).toEqual([
      'CampaignCreated',
      'TierAdded',
      'TierAdded',
      'TierRemoved',
      'CampaignSubmitted',
      'CampaignRejected',
      'CampaignEdited',
      'CampaignSubmitted',
      'CampaignApproved',
      'CampaignLaunched',
      'CampaignImageRemoved',
      'TierEdited',
      'TierClosed',
      'CampaignUpdatePosted',
      'CampaignDeadlineReached',
      'CampaignSucceeded',
    ]));

  it('ends in the succeeded state, with everything the events told', () =>
    expect(state).toEqual({
      status: 'succeeded',
      campaignId: CAMPAIGN_ID,
      holderId: HOLDER_ID,
      title: 'Un four à pain pour le quartier',
      summary: campaignCreated().data.summary,
      story: 'Budget : four 4 000 €, pose 1 000 €.',
      category: 'food',
      fundingModel: 'all_or_nothing',
      goal: GOAL,
      startsAt: STARTS_AT,
      deadline: DEADLINE,
      location: { departement: '62', commune: 'Arras' },
      stretchGoals: [{ stretchGoalId: STRETCH_GOAL_ID, amount: eur(750_000), description: 'Un pétrin mécanique' }],
      tiers: [
        {
          tierId: TIER_ID,
          minimumAmount: eur(2_500),
          title: 'Une miche au levain',
          description: 'Un pain de campagne de la première fournée.',
          quantityLimit: 100,
          status: 'closed',
        },
      ],
      updates: [{ updateId: UPDATE_ID, title: 'Le four est commandé', body: 'Livraison en mai.', postedAt: STARTS_AT }],
      createdAt: NOW,
      approvedBy: MODERATOR_ID,
      approvedAt: later(5_000).toISOString(),
      // The tier reworded and the update posted once approved wait for a moderator (ADR 0012).
      sinceApproval: { changeVersion: 2, unacknowledged: ['tiers', 'updates'] },
      launchedAt: STARTS_AT,
      committedTotal: eur(512_300),
      backers: 131,
      closedAt: DEADLINE,
    }));

  it('removes what an edit sets to null', () => {
    expect(state).not.toHaveProperty('imageUrl');
    expect(state.status !== 'none' && state.tiers[0]).not.toHaveProperty('estimatedDelivery');
  });
});

describe('a rejection', () => {
  it('stays visible on the draft until the campaign is submitted again', () => {
    const rejected = fold(campaignDecider, [campaignCreated(), campaignSubmitted(), campaignRejected()]);
    expect(rejected).toMatchObject({
      status: 'draft',
      rejection: { rejectedBy: MODERATOR_ID, reason: 'Précisez le budget.', rejectedAt: NOW },
    });
    const resubmitted = fold(campaignDecider, [campaignCreated(), campaignSubmitted(), campaignRejected(), campaignSubmitted()]);
    expect(resubmitted).toMatchObject({ status: 'submitted' });
    expect(resubmitted).not.toHaveProperty('rejection');
  });
});

describe('evolve', () => {
  it('starts from no campaign', () => expect(campaignDecider.initialState()).toEqual({ status: 'none' }));

  it('refuses an event that cannot follow the state, as a corrupt stream would have', () => {
    expect(() => fold(campaignDecider, [campaignCreated(), campaignLaunched()])).toThrow(IllegalStateError);
    expect(() => fold(campaignDecider, [campaignCreated(), campaignCreated()])).toThrow(IllegalStateError);
  });
});
