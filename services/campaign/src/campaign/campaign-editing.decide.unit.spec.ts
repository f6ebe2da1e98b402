import { eur, IllegalStateError, ValidationError } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import { campaignRules, DAY_MS, TEST_CAMPAIGN_RULES } from './campaign-rules';
import { campaignDecider, createCampaignDecider } from './campaign.decider';
import {
  aDraft,
  aLiveCampaign,
  anApprovedCampaign,
  aSubmittedCampaign,
  campaignCancelled,
  campaignCreated,
  campaignEdited,
  campaignImageChangeProposed,
  campaignPublicTextChanged,
  campaignStretchGoalsAdded,
  campaignFailed,
  campaignRejected,
  editCampaign,
  GOAL,
  NEW_IMAGE,
  onField,
  OTHER_STRETCH_GOAL_ID,
  shifted,
  STARTS_AT,
  STRETCH_GOAL_ID,
} from './campaign.fixtures';
import type { CampaignChanges, StretchGoal } from './campaign.values';

const given = DeciderSpecification.for(campaignDecider);

const firstStretchGoal: StretchGoal = {
  stretchGoalId: STRETCH_GOAL_ID,
  amount: eur(750_000),
  description: 'Un pétrin mécanique',
};
const secondStretchGoal: StretchGoal = { stretchGoalId: OTHER_STRETCH_GOAL_ID, amount: eur(900_000), description: 'Une vitrine' };
const deadlineAfter = (ms: number): string => shifted(STARTS_AT, ms).toISOString();

describe('editing a draft', () => {
  it('records the changed fields', () =>
    given(aDraft())
      .when(editCampaign({ title: 'Un four à pain partagé', story: 'Une autre histoire' }))
      .then(campaignEdited({ title: 'Un four à pain partagé', story: 'Une autre histoire' })));

  it('records only what differs from the campaign as it is', () =>
    given(aDraft())
      .when(editCampaign({ title: 'Un four à pain pour le quartier', goal: eur(500_000), summary: 'Plus court.' }))
      .then(campaignEdited({ summary: 'Plus court.' })));

  it('records nothing when nothing changes', () =>
    given(aDraft())
      .when(editCampaign({ category: 'food', location: { commune: 'Arras', departement: '62' } }))
      .thenNothingHappened());

  it('removes the image with null', () =>
    given(aDraft())
      .when(editCampaign({ imageUrl: null }))
      .then(campaignEdited({ imageUrl: null })));

  it('records nothing when removing an image there is not', () =>
    given(aDraft({ imageUrl: undefined }))
      .when(editCampaign({ imageUrl: null }))
      .thenNothingHappened());

  it('completes a draft created without goal or dates', () => {
    const plan: CampaignChanges = { goal: GOAL, startsAt: STARTS_AT, deadline: deadlineAfter(30 * DAY_MS) };
    given(aDraft({ goal: undefined, startsAt: undefined, deadline: undefined, stretchGoals: [] }))
      .when(editCampaign(plan))
      .then(campaignEdited(plan));
  });

  it('is allowed again once moderation rejected the campaign', () =>
    given([...aSubmittedCampaign(), campaignRejected()])
      .when(editCampaign({ story: 'Avec un budget détaillé.' }))
      .then(campaignEdited({ story: 'Avec un budget détaillé.' })));

  it.each<[string, CampaignChanges]>([
    ['title', { title: 'x'.repeat(121) }],
    ['title', { title: null as never }],
    ['summary', { summary: 'x'.repeat(301) }],
    ['imageUrl', { imageUrl: 'ftp://images.example.org/four.jpg' }],
    ['goal', { goal: eur(-1) }],
    ['location.departement', { location: { departement: '20' } }],
    ['startsAt', { startsAt: '2025-03-01T09:00:00.000Z' }],
  ])('refuses a bad %s', (field, changes) =>
    given(aDraft()).when(editCampaign(changes)).thenThrows(ValidationError, onField(field)),
  );
});

describe('the duration of a campaign', () => {
  it.each([
    ['exactly 1 day', DAY_MS],
    ['exactly 90 days', 90 * DAY_MS],
  ])('may be %s', (_, ms) =>
    given(aDraft())
      .when(editCampaign({ deadline: deadlineAfter(ms) }))
      .then(campaignEdited({ deadline: deadlineAfter(ms) })),
  );

  it.each([
    ['1 day less 1 ms', DAY_MS - 1],
    ['90 days and 1 ms', 90 * DAY_MS + 1],
    ['zero', 0],
    ['negative', -DAY_MS],
  ])('may not be %s', (_, ms) =>
    given(aDraft())
      .when(editCampaign({ deadline: deadlineAfter(ms) }))
      .thenThrows(ValidationError, onField('deadline')),
  );

  it('may be one second under the test rules, not less', () => {
    const givenTest = DeciderSpecification.for(createCampaignDecider(TEST_CAMPAIGN_RULES));
    givenTest(aDraft())
      .when(editCampaign({ deadline: deadlineAfter(1_000) }))
      .then(campaignEdited({ deadline: deadlineAfter(1_000) }));
    givenTest(aDraft())
      .when(editCampaign({ deadline: deadlineAfter(999) }))
      .thenThrows(ValidationError, onField('deadline'));
  });
});

describe('stretch goals', () => {
  it('come above the goal, in increasing order', () =>
    given(aDraft())
      .when(editCampaign({ stretchGoals: [firstStretchGoal, secondStretchGoal] }))
      .then(campaignEdited({ stretchGoals: [firstStretchGoal, secondStretchGoal] })));

  it.each<[string, string, readonly StretchGoal[]]>([
    ['at the goal', 'stretchGoals.0.amount', [{ ...firstStretchGoal, amount: GOAL }]],
    ['below the goal', 'stretchGoals.0.amount', [{ ...firstStretchGoal, amount: eur(100_000) }]],
    ['equal to the one before', 'stretchGoals.1.amount', [firstStretchGoal, { ...secondStretchGoal, amount: eur(750_000) }]],
    ['below the one before', 'stretchGoals.1.amount', [secondStretchGoal, firstStretchGoal]],
    [
      'with the id of another',
      'stretchGoals.1.stretchGoalId',
      [firstStretchGoal, { ...secondStretchGoal, stretchGoalId: STRETCH_GOAL_ID }],
    ],
    ['without a description', 'stretchGoals.0.description', [{ ...firstStretchGoal, description: '' }]],
  ])('may not be %s', (_, field, stretchGoals) =>
    given(aDraft()).when(editCampaign({ stretchGoals })).thenThrows(ValidationError, onField(field)),
  );

  it('keep the goal below them', () =>
    given(aDraft())
      .when(editCampaign({ goal: eur(800_000) }))
      .thenThrows(ValidationError, onField('stretchGoals.0.amount')));
});

describe('editing an approved or live campaign', () => {
  it.each([
    ['approved', anApprovedCampaign()],
    ['live', aLiveCampaign()],
  ])('may change the words and propose an image when %s, recorded apart for moderators (ADR 0012)', (_, history) => {
    const changes: CampaignChanges = {
      title: 'Un four à pain partagé',
      summary: 'Plus court.',
      story: 'Des nouvelles du chantier.',
      imageUrl: NEW_IMAGE,
    };
    const { imageUrl: _image, ...words } = changes;
    const { title, summary, story } = campaignCreated().data;
    given(history)
      .when(editCampaign(changes))
      .then([campaignPublicTextChanged(words, { title, summary, story }), campaignImageChangeProposed(NEW_IMAGE, 2)]);
  });

  it.each<[string, CampaignChanges]>([
    ['goal', { goal: eur(400_000) }],
    ['deadline', { deadline: deadlineAfter(40 * DAY_MS) }],
    ['startsAt', { startsAt: '2025-03-11T09:00:00.000Z' }],
    ['fundingModel', { fundingModel: 'keep_it_all' }],
    ['category', { category: 'culture' }],
    ['location', { location: { departement: '2A' } }],
  ])('may not change the %s', (field, changes) => {
    given(anApprovedCampaign()).when(editCampaign(changes)).thenThrows(IllegalStateError, onField(field));
    given(aLiveCampaign()).when(editCampaign(changes)).thenThrows(IllegalStateError, onField(field));
  });

  it('accepts a frozen field repeated unchanged, as a full form sends it', () =>
    given(aLiveCampaign())
      .when(editCampaign({ goal: eur(500_000), fundingModel: 'all_or_nothing', story: 'Des nouvelles.' }))
      .then(campaignPublicTextChanged({ story: 'Des nouvelles.' }, { story: campaignCreated().data.story })));

  it('may add stretch goals after the existing ones', () =>
    given(aLiveCampaign())
      .when(editCampaign({ stretchGoals: [firstStretchGoal, secondStretchGoal] }))
      .then(campaignStretchGoalsAdded([secondStretchGoal])));

  it.each<[string, readonly StretchGoal[]]>([
    ['change', [{ ...firstStretchGoal, amount: eur(700_000) }]],
    ['drop', []],
  ])('may not %s an existing stretch goal', (_, stretchGoals) =>
    given(aLiveCampaign()).when(editCampaign({ stretchGoals })).thenThrows(IllegalStateError, onField('stretchGoals')),
  );
});

describe('a campaign that cannot be edited', () => {
  it.each([
    ['submitted', aSubmittedCampaign()],
    ['failed', [...aLiveCampaign(), campaignFailed(eur(0), 0)]],
    ['cancelled', [...aLiveCampaign(), campaignCancelled()]],
  ])('is %s', (_, history) =>
    given(history)
      .when(editCampaign({ story: 'Encore.' }))
      .thenThrows(IllegalStateError),
  );
});

describe('rules that changed since the dates were chosen', () => {
  const givenStricter = DeciderSpecification.for(createCampaignDecider(campaignRules({ maxDurationMs: 20 * DAY_MS })));

  it('apply when the dates change', () =>
    givenStricter(aDraft())
      .when(editCampaign({ deadline: deadlineAfter(25 * DAY_MS) }))
      .thenThrows(ValidationError, onField('deadline')));

  it('do not block an edit of other fields, even of a live campaign whose dates are frozen', () => {
    givenStricter(aDraft())
      .when(editCampaign({ story: 'Encore.' }))
      .then(campaignEdited({ story: 'Encore.' }));
    givenStricter(aLiveCampaign())
      .when(editCampaign({ story: 'Encore.' }))
      .then(campaignPublicTextChanged({ story: 'Encore.' }, { story: campaignCreated().data.story }));
  });
});

describe('changes that are not an object', () => {
  it.each([null, 'title'])('are refused: %p', (changes) =>
    given(aDraft())
      .when(editCampaign(changes as never))
      .thenThrows(ValidationError, onField('changes')),
  );
});
