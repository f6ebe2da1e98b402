import { fold, IllegalStateError, ValidationError } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import { campaignDecider } from './campaign.decider';
import {
  acknowledgeCampaignChanges,
  aDraft,
  aLiveCampaign,
  anApprovedCampaign,
  campaignApproved,
  campaignCancelled,
  campaignChangesAcknowledged,
  campaignCreated,
  campaignEdited,
  campaignPublicTextChanged,
  campaignSubmitted,
  createCampaign,
  editCampaign,
  onField,
  submitCampaign,
} from './campaign.fixtures';
import type { CampaignEvent } from './campaign.events';

/**
 * The plain-language summary ("facile à lire et à comprendre", issue #12, ADR 0033): optional,
 * trimmed, at most 600 characters, removed with null or blank text; once approved it is words
 * like the summary (ADR 0012): shown at once, listed for moderators.
 */

const given = DeciderSpecification.for(campaignDecider);

const PLAIN = 'Nous voulons un four à pain. Tout le monde pourra y cuire son pain.';
const SIMPLER = 'Un four à pain pour tous. Venez cuire votre pain.';

const withPlain = (): CampaignEvent[] => aDraft({ plainLanguageSummary: PLAIN });
const approvedWithPlain = (): CampaignEvent[] => [...withPlain(), campaignSubmitted(), campaignApproved()];

describe('a plain-language summary at creation', () => {
  it('is recorded trimmed', () =>
    given([])
      .when(createCampaign({ plainLanguageSummary: `\n  ${PLAIN}  \n` }))
      .then(campaignCreated({ plainLanguageSummary: PLAIN })));

  it.each([
    ['absent', undefined],
    ['null', null],
    ['blank', ' \n\t '],
  ])('is left out of the event when %s', (_, plainLanguageSummary) => {
    given([]).when(createCampaign({ plainLanguageSummary })).then(campaignCreated());
    expect(campaignCreated().data).not.toHaveProperty('plainLanguageSummary');
  });

  it('may be 600 characters once trimmed, counted as people count them', () => {
    const longest = '🥖'.repeat(600);
    given([])
      .when(createCampaign({ plainLanguageSummary: `  ${longest}  ` }))
      .then(campaignCreated({ plainLanguageSummary: longest }));
  });

  it.each([
    ['601 characters', 'x'.repeat(601)],
    ['a number', 42 as never],
  ])('is refused as %s, naming the field', (_, plainLanguageSummary) =>
    given([]).when(createCampaign({ plainLanguageSummary })).thenThrows(ValidationError, onField('plainLanguageSummary')),
  );

  it('is part of what a repeated creation must repeat', () => {
    given(withPlain())
      .when(createCampaign({ plainLanguageSummary: ` ${PLAIN}` }))
      .thenNothingHappened();
    given(withPlain())
      .when(createCampaign({ plainLanguageSummary: SIMPLER }))
      .thenThrows(IllegalStateError);
    given(aDraft())
      .when(createCampaign({ plainLanguageSummary: PLAIN }))
      .thenThrows(IllegalStateError);
  });

  it('is not needed to submit, and folds from events written before it existed', () => {
    given(aDraft()).when(submitCampaign()).then(campaignSubmitted());
    expect(fold(campaignDecider, aLiveCampaign())).not.toHaveProperty('plainLanguageSummary');
    expect(fold(campaignDecider, withPlain())).toMatchObject({ status: 'draft', plainLanguageSummary: PLAIN });
  });
});

describe('a plain-language summary in a draft', () => {
  it('is added, changed and removed by an edit, trimmed', () => {
    given(aDraft())
      .when(editCampaign({ plainLanguageSummary: ` ${PLAIN} ` }))
      .then(campaignEdited({ plainLanguageSummary: PLAIN }));
    given(withPlain())
      .when(editCampaign({ plainLanguageSummary: SIMPLER }))
      .then(campaignEdited({ plainLanguageSummary: SIMPLER }));
    given(withPlain())
      .when(editCampaign({ plainLanguageSummary: null }))
      .then(campaignEdited({ plainLanguageSummary: null }));
  });

  it('is removed by blank text, as a form sent back emptied', () =>
    given(withPlain())
      .when(editCampaign({ plainLanguageSummary: '   ' }))
      .then(campaignEdited({ plainLanguageSummary: null })));

  it('records nothing when it stays the same, or is removed when there is none', () => {
    given(withPlain())
      .when(editCampaign({ plainLanguageSummary: `${PLAIN}\n` }))
      .thenNothingHappened();
    given(aDraft())
      .when(editCampaign({ plainLanguageSummary: null }))
      .thenNothingHappened();
    given(aDraft())
      .when(editCampaign({ plainLanguageSummary: '' }))
      .thenNothingHappened();
  });

  it('is folded in and out of the state', () => {
    expect(fold(campaignDecider, [...withPlain(), campaignEdited({ plainLanguageSummary: SIMPLER })])).toMatchObject({
      plainLanguageSummary: SIMPLER,
    });
    expect(fold(campaignDecider, [...withPlain(), campaignEdited({ plainLanguageSummary: null })])).not.toHaveProperty(
      'plainLanguageSummary',
    );
  });

  it('too long is refused and changes nothing', () =>
    given(withPlain())
      .when(editCampaign({ title: 'Un autre titre', plainLanguageSummary: 'x'.repeat(601) }))
      .thenThrows(ValidationError, onField('plainLanguageSummary')));
});

describe('a plain-language summary once approved', () => {
  it.each([
    ['approved', approvedWithPlain()],
    ['live', [...approvedWithPlain(), ...aLiveCampaign().slice(3)]],
  ])('is words: changed at once when %s, recorded with what it replaces', (_, history) =>
    given(history)
      .when(editCampaign({ plainLanguageSummary: SIMPLER }))
      .then(campaignPublicTextChanged({ plainLanguageSummary: SIMPLER }, { plainLanguageSummary: PLAIN })),
  );

  it('says there was none before when one is added', () =>
    given(anApprovedCampaign())
      .when(editCampaign({ plainLanguageSummary: PLAIN, summary: 'Plus court.' }))
      .then(
        campaignPublicTextChanged(
          { summary: 'Plus court.', plainLanguageSummary: PLAIN },
          { summary: 'Un four collectif, ouvert à tous les habitants deux soirs par semaine.', plainLanguageSummary: null },
        ),
      ));

  it('may be removed, and moderators see it listed until they acknowledge it', () => {
    const removed = campaignPublicTextChanged({ plainLanguageSummary: null }, { plainLanguageSummary: PLAIN });
    given(approvedWithPlain())
      .when(editCampaign({ plainLanguageSummary: null }))
      .then(removed);

    const state = fold(campaignDecider, [...approvedWithPlain(), removed]);
    expect(state).not.toHaveProperty('plainLanguageSummary');
    expect(state).toMatchObject({ sinceApproval: { changeVersion: 1, unacknowledged: ['plainLanguageSummary'] } });
    given([...approvedWithPlain(), removed])
      .when(acknowledgeCampaignChanges(1))
      .then(campaignChangesAcknowledged(1, ['plainLanguageSummary']));
  });

  it('is listed in the order moderators read a page: after the summary, before the story', () => {
    const changed = campaignPublicTextChanged(
      { story: 'Une autre histoire.', plainLanguageSummary: SIMPLER, title: 'Un four partagé' },
      { story: '', plainLanguageSummary: PLAIN, title: '' },
    );
    expect(fold(campaignDecider, [...approvedWithPlain(), changed])).toMatchObject({
      plainLanguageSummary: SIMPLER,
      sinceApproval: { unacknowledged: ['title', 'plainLanguageSummary', 'story'] },
    });
  });

  it('cannot change once the campaign is cancelled, and too long is refused', () => {
    given([...aLiveCampaign(), campaignCancelled()])
      .when(editCampaign({ plainLanguageSummary: SIMPLER }))
      .thenThrows(IllegalStateError);
    given(approvedWithPlain())
      .when(editCampaign({ plainLanguageSummary: 'x'.repeat(601) }))
      .thenThrows(ValidationError, onField('plainLanguageSummary'));
  });
});
