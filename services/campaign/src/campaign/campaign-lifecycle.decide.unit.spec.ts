import { eur, IllegalStateError, ValidationError, type Money } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import { campaignRules, DAY_MS } from './campaign-rules';
import { campaignDecider, createCampaignDecider } from './campaign.decider';
import {
  ADMIN_ID,
  aDraft,
  aClosingCampaign,
  aKeepItAllClosingCampaign,
  aKeepItAllLiveCampaign,
  aLiveCampaign,
  anApprovedCampaign,
  approveCampaign,
  asAdmin,
  asHolder,
  asModerator,
  aSubmittedCampaign,
  campaignApproved,
  campaignCancelled,
  campaignDeadlineReached,
  campaignEnded,
  campaignFailed,
  campaignLaunched,
  campaignRejected,
  campaignSubmitted,
  campaignSucceeded,
  cancelCampaign,
  closeCampaign,
  DEADLINE,
  GOAL,
  launchCampaign,
  onField,
  recordPledgeTally,
  rejectCampaign,
  shifted,
  STARTS_AT,
  submitCampaign,
} from './campaign.fixtures';

const given = DeciderSpecification.for(campaignDecider);

describe('submitting a campaign', () => {
  it('sends a complete draft to moderation', () => given(aDraft()).when(submitCampaign()).then(campaignSubmitted()));

  it('sends a rejected draft back to moderation', () =>
    given([...aSubmittedCampaign(), campaignRejected()])
      .when(submitCampaign())
      .then(campaignSubmitted()));

  it.each([
    ['summary', { summary: '' }],
    ['story', { story: '   ' }],
    ['goal', { goal: undefined, stretchGoals: [] }],
    ['startsAt', { startsAt: undefined }],
    ['deadline', { deadline: undefined }],
  ])('needs a %s', (field, created) => given(aDraft(created)).when(submitCampaign()).thenThrows(ValidationError, onField(field)));

  it('needs a start still in the future', () => {
    const atStart = asHolder(new Date(STARTS_AT));
    given(aDraft()).when(submitCampaign(atStart)).thenThrows(ValidationError, onField('startsAt'));
    const justBefore = asHolder(shifted(STARTS_AT, -1));
    given(aDraft()).when(submitCampaign(justBefore)).then(campaignSubmitted(justBefore.now.toISOString()));
  });

  it('needs a duration within the rules in force', () => {
    const givenStricter = DeciderSpecification.for(createCampaignDecider(campaignRules({ maxDurationMs: 29 * DAY_MS })));
    givenStricter(aDraft()).when(submitCampaign()).thenThrows(ValidationError, onField('deadline'));
  });

  it.each([
    ['submitted', aSubmittedCampaign()],
    ['approved', anApprovedCampaign()],
  ])('cannot submit a campaign already %s', (_, history) => given(history).when(submitCampaign()).thenThrows(IllegalStateError));
});

describe('reviewing a campaign', () => {
  it('is approved by a moderator', () => given(aSubmittedCampaign()).when(approveCampaign()).then(campaignApproved()));

  it('is approved by an admin', () =>
    given(aSubmittedCampaign()).when(approveCampaign(asAdmin())).then(campaignApproved(ADMIN_ID)));

  it('may be approved after its start, when it can still run the shortest duration', () => {
    const late = asModerator(shifted(DEADLINE, -DAY_MS));
    given(aSubmittedCampaign()).when(approveCampaign(late)).then(campaignApproved(undefined, late.now.toISOString()));
  });

  it('is not approved with less than the shortest duration left', () =>
    given(aSubmittedCampaign())
      .when(approveCampaign(asModerator(shifted(DEADLINE, -DAY_MS + 1))))
      .thenThrows(IllegalStateError, onField('deadline')));

  it('is rejected with a reason', () => given(aSubmittedCampaign()).when(rejectCampaign()).then(campaignRejected()));

  it('is not rejected without a reason', () =>
    given(aSubmittedCampaign()).when(rejectCampaign('  ')).thenThrows(ValidationError, onField('reason')));

  it.each([
    ['a draft', aDraft()],
    ['an approved campaign', anApprovedCampaign()],
  ])('is only for submitted campaigns, not %s', (_, history) => {
    given(history).when(approveCampaign()).thenThrows(IllegalStateError);
    given(history).when(rejectCampaign()).thenThrows(IllegalStateError);
  });
});

describe('launching a campaign', () => {
  it('opens it at its start', () => given(anApprovedCampaign()).when(launchCampaign()).then(campaignLaunched()));

  it('opens it late when the scheduler was late', () => {
    const late = shifted(STARTS_AT, 5_000);
    given(anApprovedCampaign()).when(launchCampaign(late)).then(campaignLaunched(late.toISOString()));
  });

  it('refuses before its start', () =>
    given(anApprovedCampaign())
      .when(launchCampaign(shifted(STARTS_AT, -1)))
      .thenThrows(IllegalStateError));

  it.each([
    ['live', aLiveCampaign()],
    ['succeeded', [...aLiveCampaign(), campaignSucceeded(GOAL)]],
    ['cancelled', [...anApprovedCampaign(), campaignCancelled('approved')]],
  ])('does nothing when the campaign is already %s: the scheduler may run twice', (_, history) =>
    given(history).when(launchCampaign()).thenNothingHappened(),
  );

  it.each([
    ['a draft', aDraft()],
    ['a submitted campaign', aSubmittedCampaign()],
  ])('refuses %s', (_, history) => given(history).when(launchCampaign()).thenThrows(IllegalStateError));
});

describe('closing a campaign at its deadline (ADR 0008: first the deadline, then the tally)', () => {
  it('stops a live campaign taking pledges at its deadline, to wait for the tally', () =>
    given(aLiveCampaign()).when(closeCampaign()).then(campaignDeadlineReached()));

  it('records when it was reached when the scheduler was late', () => {
    const late = shifted(DEADLINE, 900);
    given(aKeepItAllLiveCampaign()).when(closeCampaign(late)).then(campaignDeadlineReached(late.toISOString(), 'keep_it_all'));
  });

  it('refuses before the deadline', () =>
    given(aLiveCampaign())
      .when(closeCampaign(shifted(DEADLINE, -1)))
      .thenThrows(IllegalStateError));

  it.each([
    ['closing', aClosingCampaign()],
    ['succeeded', [...aClosingCampaign(), campaignSucceeded(GOAL)]],
    ['failed', [...aClosingCampaign(), campaignFailed(eur(0), 0)]],
    ['ended', [...aKeepItAllClosingCampaign(), campaignEnded(eur(0), 0)]],
    ['cancelled', [...aLiveCampaign(), campaignCancelled()]],
  ])('does nothing when the campaign is already %s: the scheduler may run twice', (_, history) =>
    given(history).when(closeCampaign()).thenNothingHappened(),
  );

  it('refuses a campaign that never went live', () =>
    given(anApprovedCampaign()).when(closeCampaign()).thenThrows(IllegalStateError));
});

describe('deciding the outcome on the pledge service’s tally', () => {
  const oneCentBelowGoal: Money = eur(GOAL.amount - 1);

  it('succeeds, all-or-nothing, at exactly the goal, closed when the deadline was reached', () =>
    given(aClosingCampaign())
      .when(recordPledgeTally(GOAL, 120))
      .then(campaignSucceeded(GOAL, 120, DEADLINE)));

  it('succeeds, all-or-nothing, above the goal', () =>
    given(aClosingCampaign())
      .when(recordPledgeTally(eur(812_345), 310))
      .then(campaignSucceeded(eur(812_345), 310)));

  it('fails, all-or-nothing, one cent below the goal', () =>
    given(aClosingCampaign()).when(recordPledgeTally(oneCentBelowGoal, 119)).then(campaignFailed(oneCentBelowGoal, 119)));

  it('fails, all-or-nothing, without a pledge', () =>
    given(aClosingCampaign())
      .when(recordPledgeTally(eur(0), 0))
      .then(campaignFailed(eur(0), 0)));

  it.each([
    ['below', oneCentBelowGoal],
    ['above', eur(812_345)],
  ])('ends, keep-it-all, %s the goal', (_, total) =>
    given(aKeepItAllClosingCampaign()).when(recordPledgeTally(total, 42)).then(campaignEnded(total, 42)),
  );

  it('keeps the moment the deadline was reached as the closing time, however late the tally', () =>
    given([...aLiveCampaign(), campaignDeadlineReached(shifted(DEADLINE, 900).toISOString())])
      .when(recordPledgeTally(GOAL, 120, DEADLINE, shifted(DEADLINE, 3_600_000)))
      .then(campaignSucceeded(GOAL, 120, shifted(DEADLINE, 900).toISOString())));

  it.each([
    ['live: the tally came before the deadline was recorded', aLiveCampaign()],
    ['succeeded: a second tally', [...aClosingCampaign(), campaignSucceeded(GOAL)]],
    ['failed', [...aClosingCampaign(), campaignFailed(eur(0), 0)]],
    ['ended', [...aKeepItAllClosingCampaign(), campaignEnded(eur(0), 0)]],
    ['cancelled', [...aLiveCampaign(), campaignCancelled()]],
    ['approved', anApprovedCampaign()],
  ])('changes nothing when the campaign is %s', (_, history) =>
    given(history).when(recordPledgeTally(GOAL)).thenNothingHappened(),
  );

  it('refuses a tally counted against another deadline', () =>
    given(aClosingCampaign())
      .when(recordPledgeTally(GOAL, 120, shifted(DEADLINE, 1).toISOString()))
      .thenThrows(IllegalStateError, onField('deadline')));

  it.each<[string, string, Money, number]>([
    ['a negative total', 'committedTotal', eur(-1), 0],
    ['a total in dollars', 'committedTotal', { amount: 100, currency: 'USD' }, 1],
    ['a negative count of backers', 'backers', GOAL, -1],
    ['a fractional count of backers', 'backers', GOAL, 1.5],
  ])('refuses %s', (_, field, total, backers) =>
    given(aClosingCampaign()).when(recordPledgeTally(total, backers)).thenThrows(ValidationError, onField(field)),
  );
});

describe('cancelling a campaign', () => {
  it('stops a live campaign', () => given(aLiveCampaign()).when(cancelCampaign()).then(campaignCancelled('live')));

  it('stops a scheduled campaign before it opens', () =>
    given(anApprovedCampaign()).when(cancelCampaign()).then(campaignCancelled('approved')));

  it('needs a reason', () => given(aLiveCampaign()).when(cancelCampaign('')).thenThrows(ValidationError, onField('reason')));

  it.each([
    ['a draft', aDraft()],
    ['a submitted campaign', aSubmittedCampaign()],
    ['a closing campaign, past its deadline and waiting for its tally', aClosingCampaign()],
    ['a closed campaign', [...aClosingCampaign(), campaignSucceeded(GOAL)]],
    ['a cancelled campaign', [...aLiveCampaign(), campaignCancelled()]],
  ])('is refused for %s', (_, history) => given(history).when(cancelCampaign()).thenThrows(IllegalStateError));
});
