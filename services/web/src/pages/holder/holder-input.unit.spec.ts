import { Translator } from '../../i18n/i18n';
import { aLiveCampaign } from '../page.fixtures';
import { apiFieldErrors, campaignBody, EMPTY_CAMPAIGN_FORM, formValuesOf, type CampaignFormValues } from './campaign-form';
import { eurosInput, parseEuros } from './euros';
import { instantToParisLocal, parisLocalToInstant } from './paris-time';
import { tierBody, EMPTY_TIER_FORM } from './tier-form';

const fr = new Translator('fr');

describe('amounts typed in euros', () => {
  it('become integer cents from their digits, never through a float', () => {
    expect(parseEuros('5000')).toBe(500_000);
    expect(parseEuros('5 000')).toBe(500_000);
    expect(parseEuros('5\u202f000,5 €')).toBe(500_050);
    expect(parseEuros('0.29')).toBe(29);
    expect(parseEuros('1.13')).toBe(113);
    expect(parseEuros('4.35')).toBe(435);
    expect(parseEuros('19,99')).toBe(1_999);
  });

  it('refuse what is not one amount in euros', () => {
    for (const text of ['', 'abc', '5.000', '5,001', '-5', '1e3', '5 000 000 000 000', '12,3,4'])
      expect(parseEuros(text)).toBeUndefined();
  });

  it('are shown again as typed, in the page’s language', () => {
    expect(eurosInput(500_000, 'fr')).toBe('5000');
    expect(eurosInput(500_050, 'fr')).toBe('5000,50');
    expect(eurosInput(5, 'en')).toBe('0.05');
  });
});

describe('campaign dates in Paris time', () => {
  it('are instants with the offset of the season', () => {
    expect(parisLocalToInstant('2027-01-15T09:30')).toBe('2027-01-15T09:30:00+01:00');
    expect(parisLocalToInstant('2027-07-15T09:30')).toBe('2027-07-15T09:30:00+02:00');
    expect(Date.parse(parisLocalToInstant('2027-07-15T09:30:15') ?? '')).toBe(Date.parse('2027-07-15T07:30:15Z'));
    expect(parisLocalToInstant('2027-02-30T09:30')).toBeUndefined();
    expect(parisLocalToInstant('demain')).toBeUndefined();
  });

  it('come back to the form as the holder typed them', () => {
    expect(instantToParisLocal('2027-01-15T08:30:00.000Z')).toBe('2027-01-15T09:30');
    expect(instantToParisLocal('2027-07-15T07:30:00Z')).toBe('2027-07-15T09:30');
  });
});

const complete: CampaignFormValues = {
  ...EMPTY_CAMPAIGN_FORM,
  title: ' Un four à pain ',
  category: 'food',
  departement: '2A',
  commune: 'Ajaccio',
  goal: '5 000,50',
  fundingModel: 'keep_it_all',
  startsAt: '2027-01-15T09:30',
};

describe('the campaign form', () => {
  it('makes the API’s body: the goal in cents, the place, the dates with their offset, nothing empty', () => {
    expect(campaignBody(complete, 'create', fr)).toEqual({
      body: {
        title: 'Un four à pain',
        category: 'food',
        location: { departement: '2A', commune: 'Ajaccio' },
        goal: { amount: 500_050, currency: 'EUR' },
        fundingModel: 'keep_it_all',
        startsAt: '2027-01-15T09:30:00+01:00',
      },
    });
  });

  it('asks for the goal first, and names each field it refuses in the form’s order', () => {
    const refused = campaignBody({ ...complete, goal: '', title: '', startsAt: 'bientôt' }, 'create', fr);
    expect(refused).toEqual({
      errors: new Map([
        ['title', 'Indiquez un titre.'],
        ['goal', 'Indiquez l’objectif en euros.'],
        ['startsAt', 'Indiquez une date et une heure valides.'],
      ]),
    });
  });

  it('once approved, sends only the words and the image (null removes it)', () => {
    expect(campaignBody({ ...complete, summary: 'Un four.' }, 'approved', fr)).toEqual({
      body: { title: 'Un four à pain', summary: 'Un four.', imageUrl: null },
    });
  });

  it('is prefilled from the campaign as the API holds it', () => {
    const values = formValuesOf(aLiveCampaign(), 'fr');
    expect(values).toMatchObject({
      goal: '5000',
      departement: '62',
      startsAt: '2026-12-01T10:00',
      fundingModel: 'all_or_nothing',
    });
  });

  it('reads the API’s field errors by the form’s names', () => {
    const errors = apiFieldErrors(
      {
        status: 400,
        errors: [
          { field: 'location.departement', message: 'is invalid' },
          { field: 'goal.amount', message: 'must be positive' },
        ],
      },
      ['departement', 'goal'],
    );
    expect([...errors]).toEqual([
      ['departement', 'is invalid'],
      ['goal', 'must be positive'],
    ]);
  });
});

describe('the tier form', () => {
  it('makes a new tier’s body, unlimited when no quantity is given', () => {
    expect(
      tierBody({ ...EMPTY_TIER_FORM, title: 'Une miche', minimumAmount: '25', estimatedDelivery: '2027-03' }, 'new', fr),
    ).toEqual({
      body: {
        title: 'Une miche',
        description: '',
        minimumAmount: { amount: 2_500, currency: 'EUR' },
        quantityLimit: null,
        estimatedDelivery: '2027-03',
      },
    });
  });

  it('once approved, leaves the price and stock alone and clears a delivery month left empty', () => {
    expect(tierBody({ ...EMPTY_TIER_FORM, title: 'Une miche', minimumAmount: '1' }, 'approved', fr)).toEqual({
      body: { title: 'Une miche', description: '', estimatedDelivery: null },
    });
  });

  it('refuses a quantity or a month it cannot read', () => {
    const refused = tierBody(
      { ...EMPTY_TIER_FORM, title: 'x', minimumAmount: '25', quantityLimit: '0', estimatedDelivery: 'mars' },
      'new',
      fr,
    );
    expect('errors' in refused && [...refused.errors.keys()]).toEqual(['quantityLimit', 'estimatedDelivery']);
  });
});
