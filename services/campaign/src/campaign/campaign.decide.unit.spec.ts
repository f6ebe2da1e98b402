import { eur, ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import type { CampaignCommand } from './campaign.commands';
import { campaignDecider } from './campaign.decider';
import {
  aDraft,
  aLiveCampaign,
  addTier,
  anApprovedCampaign,
  approveCampaign,
  asAdmin,
  asHolder,
  asModerator,
  asStranger,
  campaignCreated,
  campaignEdited,
  NOW,
  cancelCampaign,
  closeCampaign,
  recordPledgeTally,
  closeTier,
  createCampaign,
  editCampaign,
  editTier,
  launchCampaign,
  postCampaignUpdate,
  rejectCampaign,
  removeTier,
  submitCampaign,
  tierAdded,
  aSubmittedCampaign,
  campaignCancelled,
  ADMIN_ID,
  HOLDER_ID,
  GOAL,
  onField,
} from './campaign.fixtures';

const given = DeciderSpecification.for(campaignDecider);

describe('creating a campaign', () => {
  it('starts a draft held by the account asking', () => given([]).when(createCampaign()).then(campaignCreated()));

  it('may leave the summary, story, goal, dates and stretch goals for later', () =>
    given([])
      .when(
        createCampaign({
          summary: undefined,
          story: undefined,
          goal: undefined,
          startsAt: undefined,
          deadline: undefined,
          stretchGoals: undefined,
          imageUrl: undefined,
        }),
      )
      .then(
        campaignCreated({
          summary: '',
          story: '',
          goal: undefined,
          startsAt: undefined,
          deadline: undefined,
          stretchGoals: [],
          imageUrl: undefined,
        }),
      ));

  it('stores dates in UTC', () =>
    given([])
      .when(createCampaign({ startsAt: '2025-03-10T10:00:00+01:00', deadline: '2025-04-09T11:00+02:00' }))
      .then(campaignCreated()));

  it('needs an account with the holder role', () =>
    given([])
      .when(createCampaign({}, { ...asHolder(), roles: ['contributor'] }))
      .thenThrows(ForbiddenError));

  it.each(['2A', '2B', '971', '976', '01', '95', '62'])('accepts the département %s', (departement) =>
    given([])
      .when(createCampaign({ location: { departement } }))
      .then(campaignCreated({ location: { departement } })),
  );

  it.each(['20', '00', '96', '975', '2C', '2a', '1', '620', ''])('refuses the département %p', (departement) =>
    given([])
      .when(createCampaign({ location: { departement } }))
      .thenThrows(ValidationError, onField('location.departement')),
  );

  it.each<[string, string, Parameters<typeof createCampaign>[0]]>([
    ['campaignId', 'that is not a UUID', { campaignId: 'not-a-uuid' }],
    ['title', 'that is empty', { title: '' }],
    ['title', 'that is blank', { title: '   ' }],
    ['title', 'of 121 characters', { title: 'x'.repeat(121) }],
    ['summary', 'of 301 characters', { summary: 'x'.repeat(301) }],
    ['story', 'of 20,001 characters', { story: 'x'.repeat(20_001) }],
    ['category', 'not in the list', { category: 'gardening' as never }],
    ['imageUrl', 'over plain http', { imageUrl: 'http://images.example.org/four.jpg' }],
    ['imageUrl', 'that is not a URL', { imageUrl: 'four.jpg' }],
    ['goal', 'of zero', { goal: eur(0) }],
    ['goal', 'in dollars', { goal: { amount: 500_000, currency: 'USD' } }],
    ['goal', 'with a fraction of a cent', { goal: { amount: 12.5, currency: 'EUR' } }],
    ['fundingModel', 'not in the list', { fundingModel: 'flexible' as never }],
    ['startsAt', 'without a time', { startsAt: '2025-03-10' }],
    ['startsAt', 'in the past', { startsAt: '2025-02-28T09:00:00.000Z' }],
    ['deadline', 'that is not a date', { deadline: 'next month' }],
    ['location.commune', 'of 101 characters', { location: { departement: '62', commune: 'x'.repeat(101) } }],
  ])('refuses %s %s', (field, _, data) => given([]).when(createCampaign(data)).thenThrows(ValidationError, onField(field)));

  it('counts characters, not UTF-16 units: a 120-emoji title fits', () => {
    const title = '🍞'.repeat(120);
    given([]).when(createCampaign({ title })).then(campaignCreated({ title }));
  });

  // The gateway derives the id from the Idempotency-Key: a retry whose answer was lost asks again.
  it('changes nothing when its holder asks again for the same draft, later', () =>
    given(aDraft())
      .when(createCampaign({}, asHolder(new Date(Date.parse(NOW) + 60_000))))
      .thenNothingHappened());

  it('refuses the same id with other content, or for another account', () => {
    given(aDraft())
      .when(createCampaign({ title: 'Un autre four' }))
      .thenThrows(IllegalStateError);
    given(aDraft())
      .when(createCampaign({}, { ...asStranger(), roles: ['contributor', 'holder'] }))
      .thenThrows(IllegalStateError);
    given([...aDraft(), campaignEdited({ title: 'Un four rebâti' })])
      .when(createCampaign())
      .thenThrows(IllegalStateError);
  });
});

describe('a campaign that does not exist', () => {
  const commands: CampaignCommand[] = [
    editCampaign({ title: 'Un autre titre' }),
    submitCampaign(),
    approveCampaign(),
    rejectCampaign(),
    launchCampaign(),
    closeCampaign(),
    recordPledgeTally(GOAL),
    cancelCampaign(),
    addTier(),
    editTier({ title: 'Deux miches' }),
    closeTier(),
    removeTier(),
    postCampaignUpdate(),
  ];

  it.each(commands.map((command) => [command.type, command] as const))('is not found by %s', (_, command) =>
    given([]).when(command).thenThrows(NotFoundError),
  );
});

describe('who may do what', () => {
  const holderCommands: CampaignCommand[] = [
    editCampaign({ title: 'Un autre titre' }, asStranger()),
    submitCampaign(asStranger()),
    addTier(undefined, asStranger()),
    editTier({ title: 'Deux miches' }, asStranger()),
    closeTier(asStranger()),
    removeTier(asStranger()),
    postCampaignUpdate({}, asStranger()),
    cancelCampaign(undefined, asStranger()),
  ];

  it.each(holderCommands.map((command) => [command.type, command] as const))('only the holder may %s', (_, command) =>
    given([...aDraft(), tierAdded()])
      .when(command)
      .thenThrows(ForbiddenError),
  );

  it.each([
    ['a moderator', asModerator()],
    ['an admin', asAdmin()],
  ])('not even %s may edit a holder’s campaign', (_, metadata) =>
    given(aDraft())
      .when(editCampaign({ title: 'Un autre titre' }, metadata))
      .thenThrows(ForbiddenError),
  );

  it('an admin may cancel anyone’s campaign, a moderator may not', () => {
    given(aLiveCampaign()).when(cancelCampaign(undefined, asAdmin())).then(campaignCancelled('live', ADMIN_ID));
    given(aLiveCampaign()).when(cancelCampaign(undefined, asModerator())).thenThrows(ForbiddenError);
  });

  it.each([
    ['approve', approveCampaign],
    ['reject', (metadata: Parameters<typeof approveCampaign>[0]) => rejectCampaign(undefined, metadata)],
  ])('only a moderator or an admin may %s', (_, command) => {
    const submitted = aSubmittedCampaign();
    given(submitted).when(command(asStranger())).thenThrows(ForbiddenError);
    given(submitted).when(command(asHolder())).thenThrows(ForbiddenError);
    given(submitted)
      .when(command({ ...asModerator(), actor: HOLDER_ID }))
      .thenThrows(ForbiddenError);
  });

  it('checks who asks before the status, so a stranger learns nothing about the campaign', () =>
    given(anApprovedCampaign()).when(submitCampaign(asStranger())).thenThrows(ForbiddenError));
});
