import { eur, fold, ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import { campaignDecider } from './campaign.decider';
import {
  acknowledgeCampaignChanges,
  aDraft,
  aLiveCampaign,
  anApprovedCampaign,
  asAdmin,
  asHolder,
  asStranger,
  campaignChangesAcknowledged,
  campaignEdited,
  campaignFailed,
  campaignImageRemoved,
  campaignStretchGoalsAdded,
  campaignUpdatePosted,
  campaignImageChangeAcknowledged,
  campaignImageChangeProposed,
  campaignImageChangeRefused,
  campaignPublicTextChanged,
  editCampaign,
  NEW_IMAGE,
  onField,
  OTHER_STRETCH_GOAL_ID,
  OTHER_TIER_ID,
  refuseCampaignImage,
  STRETCH_GOAL_ID,
  tierAdded,
  tierEdited,
} from './campaign.fixtures';
import type { CampaignEvent } from './campaign.events';
import type { WatchedPart } from './campaign.values';

const given = DeciderSpecification.for(campaignDecider);

const TITLE = 'Un four à pain pour le quartier';
const SUMMARY = 'Un four collectif, ouvert à tous les habitants deux soirs par semaine.';
const SHOWN_IMAGE = 'https://images.example.org/four.jpg';
const OTHER_IMAGE = 'https://images.example.org/four-3.jpg';

const withTitleChanged = (): CampaignEvent[] => [
  ...aLiveCampaign(),
  campaignPublicTextChanged({ title: 'Un four partagé' }, { title: TITLE }),
];
const withImageProposed = (): CampaignEvent[] => [...anApprovedCampaign(), campaignImageChangeProposed()];

describe('words changed once approved', () => {
  it.each([
    ['approved', anApprovedCampaign()],
    ['live', aLiveCampaign()],
  ])('are recorded as their own event with what they replace, when %s', (_, history) =>
    given(history)
      .when(editCampaign({ title: 'Un four partagé', summary: 'Plus court.' }))
      .then(campaignPublicTextChanged({ title: 'Un four partagé', summary: 'Plus court.' }, { title: TITLE, summary: SUMMARY })),
  );

  it('are numbered after the changes before them', () =>
    given(withTitleChanged())
      .when(editCampaign({ story: 'Des nouvelles du chantier.' }))
      .then(
        campaignPublicTextChanged(
          { story: 'Des nouvelles du chantier.' },
          { story: "Depuis la fermeture de la dernière boulangerie, le quartier n'a plus de pain frais…" },
          2,
        ),
      ));

  it('are not when the campaign is a draft: moderation has not seen it yet', () =>
    given(aDraft())
      .when(editCampaign({ title: 'Un four partagé' }))
      .then(campaignEdited({ title: 'Un four partagé' })));

  it('are apart from the stretch goals added in the same edit, which are recorded as added', () => {
    const added = { stretchGoalId: OTHER_STRETCH_GOAL_ID, amount: eur(900_000), description: 'Une vitrine' };
    const stretchGoals = [{ stretchGoalId: STRETCH_GOAL_ID, amount: eur(750_000), description: 'Un pétrin mécanique' }, added];
    given(aLiveCampaign())
      .when(editCampaign({ stretchGoals, title: 'Un four partagé' }))
      .then([campaignPublicTextChanged({ title: 'Un four partagé' }, { title: TITLE }), campaignStretchGoalsAdded([added], 2)]);
    expect(fold(campaignDecider, [...aLiveCampaign(), campaignStretchGoalsAdded([added])])).toMatchObject({
      stretchGoals,
      sinceApproval: { changeVersion: 1, unacknowledged: ['stretchGoals'] },
    });
  });

  it('are shown at once', () => {
    const state = fold(campaignDecider, withTitleChanged());
    expect(state).toMatchObject({ title: 'Un four partagé', sinceApproval: { changeVersion: 1, unacknowledged: ['title'] } });
  });
});

describe('an image changed once approved', () => {
  it('is proposed, not shown', () => {
    given(anApprovedCampaign())
      .when(editCampaign({ imageUrl: NEW_IMAGE }))
      .then(campaignImageChangeProposed());
    expect(fold(campaignDecider, withImageProposed())).toMatchObject({
      imageUrl: SHOWN_IMAGE,
      sinceApproval: { pendingImageUrl: NEW_IMAGE, unacknowledged: ['imageUrl'] },
    });
  });

  it('is numbered after the words changed in the same edit', () =>
    given(aLiveCampaign())
      .when(editCampaign({ title: 'Un four partagé', imageUrl: NEW_IMAGE }))
      .then([
        campaignPublicTextChanged({ title: 'Un four partagé' }, { title: TITLE }),
        campaignImageChangeProposed(NEW_IMAGE, 2),
      ]));

  it('replaces a proposal still pending', () =>
    given(withImageProposed())
      .when(editCampaign({ imageUrl: OTHER_IMAGE }))
      .then(campaignImageChangeProposed(OTHER_IMAGE, 2)));

  it('records nothing when it is the pending one, as a whole form sends it again', () =>
    given(withImageProposed())
      .when(editCampaign({ imageUrl: NEW_IMAGE, title: TITLE }))
      .thenNothingHappened());

  it('removed, needs no review and withdraws the proposal', () => {
    given(withImageProposed())
      .when(editCampaign({ imageUrl: null }))
      .then(campaignImageRemoved());
    const state = fold(campaignDecider, [...withImageProposed(), campaignImageRemoved()]);
    expect(state).toMatchObject({ sinceApproval: { unacknowledged: [] } });
    expect(state).not.toHaveProperty('imageUrl');
    expect(state).not.toHaveProperty('sinceApproval.pendingImageUrl');
  });
});

describe('tiers and updates added or changed once approved', () => {
  it.each<[string, CampaignEvent, WatchedPart]>([
    ['a tier added', tierAdded({ tierId: OTHER_TIER_ID }), 'tiers'],
    ['a tier reworded', tierEdited({ title: 'Une miche au levain' }), 'tiers'],
    ['an update posted', campaignUpdatePosted(), 'updates'],
  ])('count as changes to acknowledge: %s', (_, event, part) =>
    given([...aLiveCampaign(), tierAdded(), campaignChangesAcknowledged(1, ['tiers']), event])
      .when(acknowledgeCampaignChanges(2))
      .then(campaignChangesAcknowledged(2, [part])),
  );

  it('do not before approval', () =>
    expect(fold(campaignDecider, [...aDraft(), tierAdded(), ...anApprovedCampaign().slice(1)])).toMatchObject({
      sinceApproval: { changeVersion: 0, unacknowledged: [] },
    }));

  it('number the words changed after them', () =>
    given([...aLiveCampaign(), tierAdded()])
      .when(editCampaign({ title: 'Un four partagé' }))
      .then(campaignPublicTextChanged({ title: 'Un four partagé' }, { title: TITLE }, 2)));
});

describe('acknowledging the changes since approval', () => {
  it('covers the words up to the version the moderator saw', () =>
    given(withTitleChanged())
      .when(acknowledgeCampaignChanges(1))
      .then(campaignChangesAcknowledged(1, ['title'])));

  it('shows the pending image', () => {
    given(withImageProposed())
      .when(acknowledgeCampaignChanges(1))
      .then([campaignImageChangeAcknowledged(), campaignChangesAcknowledged(1, ['imageUrl'])]);
    const state = fold(campaignDecider, [
      ...withImageProposed(),
      campaignImageChangeAcknowledged(),
      campaignChangesAcknowledged(1, ['imageUrl']),
    ]);
    expect(state).toMatchObject({ imageUrl: NEW_IMAGE, sinceApproval: { changeVersion: 1, unacknowledged: [] } });
    expect(state).not.toHaveProperty('sinceApproval.pendingImageUrl');
  });

  it('may be done by an admin, and after the campaign ended', () =>
    given([...withTitleChanged(), campaignFailed(eur(0), 0)])
      .when(acknowledgeCampaignChanges(1, asAdmin()))
      .then(campaignChangesAcknowledged(1, ['title'], asAdmin().actor)));

  it('records nothing when everything was already acknowledged', () =>
    given([...withTitleChanged(), campaignChangesAcknowledged(1, ['title'])])
      .when(acknowledgeCampaignChanges(1))
      .thenNothingHappened());

  it('is refused for a change the moderator did not see', () =>
    given([...withTitleChanged(), campaignImageChangeProposed(NEW_IMAGE, 2)])
      .when(acknowledgeCampaignChanges(1))
      .thenThrows(IllegalStateError, onField('version')));

  it.each([
    ['the holder', asHolder()],
    ['a stranger', asStranger()],
  ])('is refused to %s', (_, metadata) =>
    given(withTitleChanged()).when(acknowledgeCampaignChanges(1, metadata)).thenThrows(ForbiddenError),
  );

  it('is refused to a moderator on their own campaign', () =>
    given(withTitleChanged())
      .when(acknowledgeCampaignChanges(1, { ...asHolder(), roles: ['holder', 'moderator'] }))
      .thenThrows(ForbiddenError));

  it('has nothing to cover before approval', () =>
    given(aDraft()).when(acknowledgeCampaignChanges(0)).thenThrows(IllegalStateError));

  it('needs a campaign', () => given([]).when(acknowledgeCampaignChanges(0)).thenThrows(NotFoundError));

  it.each([-1, 1.5, '1'])('needs a whole version, not %p', (version) =>
    given(withTitleChanged())
      .when(acknowledgeCampaignChanges(version as number))
      .thenThrows(ValidationError, onField('version')),
  );
});

describe('refusing a proposed image', () => {
  it('keeps the shown image and tells the holder why', () => {
    given(withImageProposed()).when(refuseCampaignImage(1)).then(campaignImageChangeRefused());
    const state = fold(campaignDecider, [...withImageProposed(), campaignImageChangeRefused()]);
    expect(state).toMatchObject({ imageUrl: SHOWN_IMAGE, sinceApproval: { unacknowledged: [] } });
    expect(state).not.toHaveProperty('sinceApproval.pendingImageUrl');
  });

  it('leaves the changed words to acknowledge', () =>
    expect(
      fold(campaignDecider, [...withTitleChanged(), campaignImageChangeProposed(NEW_IMAGE, 2), campaignImageChangeRefused()]),
    ).toMatchObject({ sinceApproval: { changeVersion: 2, unacknowledged: ['title'] } }));

  it('is refused for a newer proposal than the one the moderator saw', () =>
    given([...withImageProposed(), campaignImageChangeProposed(OTHER_IMAGE, 2)])
      .when(refuseCampaignImage(1))
      .thenThrows(IllegalStateError, onField('version')));

  it('needs a proposal', () =>
    given(withTitleChanged()).when(refuseCampaignImage(1)).thenThrows(IllegalStateError, onField('imageUrl')));

  it('needs a reason', () =>
    given(withImageProposed()).when(refuseCampaignImage(1, ' ')).thenThrows(ValidationError, onField('reason')));

  it('is refused to the holder', () =>
    given(withImageProposed())
      .when(refuseCampaignImage(1, 'Non.', asHolder()))
      .thenThrows(ForbiddenError));
});
