import { eur, IllegalStateError, NotFoundError, ValidationError } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import { campaignDecider } from './campaign.decider';
import {
  addTier,
  aDraft,
  aLiveCampaign,
  anApprovedCampaign,
  aSubmittedCampaign,
  campaignCancelled,
  campaignEnded,
  campaignFailed,
  campaignSucceeded,
  campaignUpdatePosted,
  closeTier,
  editTier,
  GOAL,
  onField,
  OTHER_TIER_ID,
  aKeepItAllLiveCampaign,
  postCampaignUpdate,
  removeTier,
  tierAdded,
  tierClosed,
  tierDefinition,
  tierEdited,
  tierRemoved,
} from './campaign.fixtures';
import type { TierChanges, TierDefinition } from './campaign.values';

const given = DeciderSpecification.for(campaignDecider);

const draftWithTier = () => [...aDraft(), tierAdded()];
const liveWithTier = () => [...aLiveCampaign(), tierAdded()];
const approvedWithTier = () => [...anApprovedCampaign(), tierAdded()];

describe('adding a tier', () => {
  it('adds an open tier to a draft', () => given(aDraft()).when(addTier()).then(tierAdded()));

  it('may be unlimited and without a delivery estimate', () => {
    const { estimatedDelivery: _none, ...unlimited } = tierDefinition({ quantityLimit: null });
    given(aDraft())
      .when(addTier(unlimited))
      .then(tierAdded({ quantityLimit: null, estimatedDelivery: undefined }));
  });

  it('adds new tiers to an approved or live campaign', () => {
    const another = tierDefinition({ tierId: OTHER_TIER_ID, title: 'Deux miches', minimumAmount: eur(4_500) });
    given(approvedWithTier()).when(addTier(another)).then(tierAdded(another));
    given(liveWithTier()).when(addTier(another)).then(tierAdded(another));
  });

  it('refuses a tier id already used', () =>
    given(draftWithTier())
      .when(addTier(tierDefinition({ title: 'Deux miches' })))
      .thenThrows(ValidationError, onField('tierId')));

  it.each<[string, string, Partial<TierDefinition>]>([
    ['tierId', 'that is not a UUID', { tierId: 'tier-1' }],
    ['minimumAmount', 'of zero', { minimumAmount: eur(0) }],
    ['minimumAmount', 'in another currency', { minimumAmount: { amount: 2_500, currency: 'CHF' } }],
    ['title', 'that is blank', { title: ' ' }],
    ['title', 'of 121 characters', { title: 'x'.repeat(121) }],
    ['quantityLimit', 'of zero', { quantityLimit: 0 }],
    ['quantityLimit', 'that is fractional', { quantityLimit: 1.5 }],
    ['estimatedDelivery', 'with month 13', { estimatedDelivery: '2025-13' }],
    ['estimatedDelivery', 'in French order', { estimatedDelivery: '06/2025' }],
  ])('refuses a %s %s', (field, _, overrides) =>
    given(aDraft())
      .when(addTier(tierDefinition(overrides)))
      .thenThrows(ValidationError, onField(field)),
  );

  it.each([
    ['submitted', aSubmittedCampaign()],
    ['succeeded', [...aLiveCampaign(), campaignSucceeded(GOAL)]],
    ['cancelled', [...aLiveCampaign(), campaignCancelled()]],
  ])('is refused when the campaign is %s', (_, history) => given(history).when(addTier()).thenThrows(IllegalStateError));
});

describe('editing a tier', () => {
  it('may change anything in a draft', () => {
    const changes: TierChanges = {
      title: 'Deux miches',
      minimumAmount: eur(4_000),
      quantityLimit: null,
      estimatedDelivery: null,
    };
    given(draftWithTier()).when(editTier(changes)).then(tierEdited(changes));
  });

  it.each([
    ['approved', approvedWithTier()],
    ['live', liveWithTier()],
  ])('may change the wording and the delivery estimate when %s', (_, history) => {
    const changes: TierChanges = { title: 'Une grosse miche', description: 'Au levain.', estimatedDelivery: '2025-07' };
    given(history).when(editTier(changes)).then(tierEdited(changes));
  });

  it.each<[string, TierChanges]>([
    ['minimumAmount', { minimumAmount: eur(2_000) }],
    ['quantityLimit', { quantityLimit: 150 }],
    ['quantityLimit', { quantityLimit: null }],
  ])('may not change the %s once approved', (field, changes) => {
    given(approvedWithTier()).when(editTier(changes)).thenThrows(IllegalStateError, onField(field));
    given(liveWithTier()).when(editTier(changes)).thenThrows(IllegalStateError, onField(field));
  });

  it('accepts the price repeated unchanged, as a full form sends it', () =>
    given(liveWithTier())
      .when(editTier({ minimumAmount: eur(2_500), quantityLimit: 100, title: 'Une grosse miche' }))
      .then(tierEdited({ title: 'Une grosse miche' })));

  it('records nothing when nothing changes', () =>
    given(liveWithTier())
      .when(editTier({ title: 'Une miche', estimatedDelivery: '2025-06' }))
      .thenNothingHappened());

  it('records nothing when an unlimited tier without estimate is told so again', () =>
    given([...aLiveCampaign(), tierAdded({ quantityLimit: null, estimatedDelivery: undefined })])
      .when(editTier({ quantityLimit: null, estimatedDelivery: null }))
      .thenNothingHappened());

  it('refuses bad input', () =>
    given(draftWithTier())
      .when(editTier({ description: 'x'.repeat(2_001) }))
      .thenThrows(ValidationError, onField('description')));

  it('refuses an unknown tier', () =>
    given(draftWithTier())
      .when(editTier({ title: 'Deux miches' }, undefined, OTHER_TIER_ID))
      .thenThrows(NotFoundError));

  it('is refused while the campaign is under review', () =>
    given([...aDraft(), tierAdded(), ...aSubmittedCampaign().slice(1)])
      .when(editTier({ title: 'Deux miches' }))
      .thenThrows(IllegalStateError));
});

describe('closing a tier', () => {
  it.each([
    ['draft', draftWithTier()],
    ['live', liveWithTier()],
  ])('stops it taking pledges in a %s campaign', (_, history) => given(history).when(closeTier()).then(tierClosed()));

  it('does nothing when the tier is already closed', () =>
    given([...liveWithTier(), tierClosed()])
      .when(closeTier())
      .thenNothingHappened());

  it('refuses an unknown tier', () => given(liveWithTier()).when(closeTier(undefined, OTHER_TIER_ID)).thenThrows(NotFoundError));

  it('is refused once the campaign is over', () =>
    given([...liveWithTier(), campaignFailed(eur(0), 0)])
      .when(closeTier())
      .thenThrows(IllegalStateError));
});

describe('removing a tier', () => {
  it('deletes it from a draft', () => given(draftWithTier()).when(removeTier()).then(tierRemoved()));

  it.each([
    ['approved', approvedWithTier()],
    ['live', liveWithTier()],
  ])('is refused once the campaign is %s: close the tier instead', (_, history) =>
    given(history).when(removeTier()).thenThrows(IllegalStateError),
  );

  it('refuses an unknown tier', () =>
    given(draftWithTier()).when(removeTier(undefined, OTHER_TIER_ID)).thenThrows(NotFoundError));
});

describe('posting an update', () => {
  it.each([
    ['approved', anApprovedCampaign()],
    ['live', aLiveCampaign()],
    ['succeeded', [...aLiveCampaign(), campaignSucceeded(GOAL)]],
    ['failed', [...aLiveCampaign(), campaignFailed(eur(0), 0)]],
    ['ended', [...aKeepItAllLiveCampaign(), campaignEnded(eur(0), 0)]],
  ])('publishes news of a %s campaign', (_, history) => given(history).when(postCampaignUpdate()).then(campaignUpdatePosted()));

  it('takes a body of 10,000 characters', () => {
    const body = 'x'.repeat(10_000);
    const posted = campaignUpdatePosted();
    given(aLiveCampaign())
      .when(postCampaignUpdate({ body }))
      .then({ ...posted, data: { ...posted.data, update: { ...posted.data.update, body } } });
  });

  it.each([
    ['a draft', aDraft()],
    ['a submitted campaign', aSubmittedCampaign()],
    ['a cancelled campaign', [...aLiveCampaign(), campaignCancelled()]],
  ])('is refused for %s', (_, history) => given(history).when(postCampaignUpdate()).thenThrows(IllegalStateError));

  it.each([
    ['updateId', { updateId: 'news-1' }],
    ['title', { title: '' }],
    ['title', { title: 'x'.repeat(121) }],
    ['body', { body: ' ' }],
    ['body', { body: 'x'.repeat(10_001) }],
  ])('refuses a bad %s', (field, data) =>
    given(aLiveCampaign()).when(postCampaignUpdate(data)).thenThrows(ValidationError, onField(field)),
  );

  it('refuses an update id already used', () =>
    given([...aLiveCampaign(), campaignUpdatePosted()])
      .when(postCampaignUpdate({ title: 'Encore' }))
      .thenThrows(ValidationError, onField('updateId')));
});
