import { DomainError, eur, ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import { checkPledge } from './pledge-placing.decide';
import { DEFAULT_PLEDGE_RULES, pledgeRules } from './pledge-rules';
import { createPledgeDecider, pledgeDecider } from './pledge.decider';
import {
  aCommittedAllOrNothing,
  aCommittedLimitedAllOrNothing,
  aKeepItAllCommittedPledge,
  AMOUNT,
  anAllOrNothingAwaitingSetup,
  asContributor,
  asGuest,
  asHolder,
  asStranger,
  changePledge,
  DEADLINE,
  GUEST_TOKEN_HASH,
  HOLD,
  HOLDER_ID,
  LIMITED_TIER,
  liveCampaign,
  NO_TIP,
  OPEN_TIER,
  OTHER_HOLD_ID,
  placeLimitedPledge,
  placePledge,
  pledgePlaced,
  shifted,
  TIER_ID,
  TIP_ID,
  tierUnitHeld,
  tierUnitReleased,
} from './pledge.fixtures';
import { sealedText } from './pledge.values';

const given = DeciderSpecification.for(pledgeDecider);

const onField =
  (field: string) =>
  (error: DomainError): boolean =>
    error.details['field'] === field;

describe('placing a pledge', () => {
  it('records a keep-it-all pledge with its explicit tip', () => given([]).when(placePledge()).then([pledgePlaced()]));

  it('records a pledge with a tip of 0 and no tip id', () =>
    given([])
      .when(placePledge({ tip: NO_TIP }))
      .then([pledgePlaced({ tip: NO_TIP })]));

  it('records an all-or-nothing pledge with the frozen deadline it was placed under', () =>
    given([])
      .when(placePledge({ campaign: liveCampaign({ fundingModel: 'all_or_nothing' }) }))
      .then([pledgePlaced({ fundingModel: 'all_or_nothing' })]));

  it('records the unit held on a limited tier before any payment (ADR 0007)', () =>
    given([])
      .when(placeLimitedPledge())
      .then([pledgePlaced({ tier: LIMITED_TIER }), tierUnitHeld()]));

  it('holds nothing on an unlimited tier', () =>
    given([])
      .when(placePledge({ tier: OPEN_TIER }))
      .then([pledgePlaced({ tier: OPEN_TIER })]));

  it('records a guest by the hash of their token, with sealed personal data', () => {
    const contributor = { kind: 'guest', guestTokenHash: GUEST_TOKEN_HASH } as const;
    const details = {
      name: sealedText('sealed:n'),
      email: sealedText('sealed:e'),
      message: sealedText('sealed:m'),
      showName: false,
    };
    given([])
      .when(placePledge({ contributor, details }, asGuest()))
      .then([pledgePlaced({ contributor, details })]);
  });

  it('refuses a pledge id already used', () =>
    given([pledgePlaced()]).when(placePledge()).thenThrows(IllegalStateError, onField('pledgeId')));

  describe('refuses, naming the field', () => {
    it.each([
      ['below the 1 € minimum', { amount: eur(99) }],
      ['above the maximum', { amount: eur(10_000_001) }],
      ['in another currency', { amount: { amount: 2_500, currency: 'USD' } }],
      ["below the tier's minimum", { amount: eur(1_999), tier: LIMITED_TIER, hold: HOLD }],
    ])('an amount %s', (_case, data) => given([]).when(placePledge(data)).thenThrows(ValidationError, onField('amount')));

    it('accepts exactly the minimum and exactly the maximum', () => {
      given([])
        .when(placePledge({ amount: eur(100), tip: NO_TIP }))
        .then([pledgePlaced({ amount: eur(100), tip: NO_TIP })]);
      given([])
        .when(placePledge({ amount: eur(10_000_000) }))
        .then([pledgePlaced({ amount: eur(10_000_000) })]);
    });

    it('accepts exactly the tier minimum', () =>
      given([])
        .when(placePledge({ amount: eur(2_000), tier: LIMITED_TIER, hold: HOLD }))
        .then([pledgePlaced({ amount: eur(2_000), tier: LIMITED_TIER }), tierUnitHeld()]));

    it('a tip above the allowed multiple of the pledge', () =>
      given([])
        .when(placePledge({ tip: { amount: eur(2_501), tipId: TIP_ID } }))
        .thenThrows(ValidationError, onField('tip')));

    it('accepts a tip of exactly the allowed multiple', () => {
      const tip = { amount: AMOUNT, tipId: TIP_ID };
      given([])
        .when(placePledge({ tip }))
        .then([pledgePlaced({ tip })]);
    });

    it('applies the configured tip multiple', () =>
      DeciderSpecification.for(createPledgeDecider(pledgeRules({ maxTipMultiple: 2 })))([])
        .when(placePledge({ tip: { amount: eur(5_000), tipId: TIP_ID } }))
        .then([pledgePlaced({ tip: { amount: eur(5_000), tipId: TIP_ID } })]));

    it('a negative tip', () =>
      given([])
        .when(placePledge({ tip: { amount: eur(-1), tipId: TIP_ID } }))
        .thenThrows(ValidationError, onField('tip')));

    it('a tip without the id of the tip it records', () =>
      given([])
        .when(placePledge({ tip: { amount: eur(300) } }))
        .thenThrows(ValidationError, onField('tip.tipId')));

    it('a tip of 0 that claims a tip id', () =>
      given([])
        .when(placePledge({ tip: { amount: eur(0), tipId: TIP_ID } }))
        .thenThrows(ValidationError, onField('tip.tipId')));

    it('a campaign that is not live', () =>
      given([])
        .when(placePledge({ campaign: liveCampaign({ status: 'approved' }) }))
        .thenThrows(IllegalStateError, onField('campaignId')));

    it('a campaign whose deadline has passed', () =>
      given([])
        .when(placePledge({}, asContributor(shifted(DEADLINE, 0))))
        .thenThrows(IllegalStateError, onField('campaignId')));

    it("a pledge on one's own campaign, by default", () =>
      given([])
        .when(placePledge({ contributor: { kind: 'account', accountId: HOLDER_ID } }, asHolder()))
        .thenThrows(ValidationError, onField('contributor')));

    it('a limited tier without a held unit', () =>
      given([])
        .when(placePledge({ tier: LIMITED_TIER }))
        .thenThrows(ValidationError, onField('hold')));

    it('a hold on an unlimited tier', () =>
      given([])
        .when(placePledge({ tier: OPEN_TIER, hold: HOLD }))
        .thenThrows(ValidationError, onField('hold')));

    it('a guest without an e-mail address', () =>
      given([])
        .when(
          placePledge(
            {
              contributor: { kind: 'guest', guestTokenHash: GUEST_TOKEN_HASH },
              details: { name: sealedText('n'), showName: true },
            },
            asGuest(),
          ),
        )
        .thenThrows(ValidationError, onField('email')));
  });

  it('lets a holder pledge on their own campaign when the policy allows it', () => {
    const contributor = { kind: 'account', accountId: HOLDER_ID } as const;
    DeciderSpecification.for(createPledgeDecider(pledgeRules({ allowPledgeOnOwnCampaign: true })))([])
      .when(placePledge({ contributor }, asHolder()))
      .then([pledgePlaced({ contributor })]);
  });

  it('checks the rules before anything is held, with checkPledge', () => {
    const { hold: _none, ...data } = placePledge({ amount: eur(50) }).data;
    expect(() => checkPledge(data, asContributor(), DEFAULT_PLEDGE_RULES)).toThrow(ValidationError);
    expect(() => checkPledge(placePledge().data, asContributor(), DEFAULT_PLEDGE_RULES)).not.toThrow();
  });
});

describe('changing a committed pledge before the deadline', () => {
  it('changes the amount of an all-or-nothing pledge', () =>
    given(aCommittedAllOrNothing())
      .when(changePledge({ amount: eur(4_000) }))
      .then([
        {
          type: 'PledgeChanged',
          data: {
            pledgeId: pledgePlaced().data.pledgeId,
            campaignId: pledgePlaced().data.campaignId,
            previousAmount: AMOUNT,
            amount: eur(4_000),
            changedAt: asContributor().now.toISOString(),
          },
        },
      ]));

  it('moves to another limited tier: the old unit goes back, the new one is held and confirmed', () =>
    given(aCommittedLimitedAllOrNothing())
      .when(
        changePledge({
          amount: eur(3_000),
          tier: { ...LIMITED_TIER, tierId: 'tier-2' },
          hold: { ...HOLD, holdId: OTHER_HOLD_ID },
        }),
      )
      .then([
        tierUnitReleased('changed'),
        tierUnitHeld(OTHER_HOLD_ID, 'tier-2'),
        {
          type: 'PledgeChanged',
          data: {
            pledgeId: pledgePlaced().data.pledgeId,
            campaignId: pledgePlaced().data.campaignId,
            previousAmount: AMOUNT,
            amount: eur(3_000),
            previousTierId: TIER_ID,
            tier: { ...LIMITED_TIER, tierId: 'tier-2' },
            holdId: OTHER_HOLD_ID,
            changedAt: asContributor().now.toISOString(),
          },
        },
      ]));

  it('changes nothing when nothing changes', () => given(aCommittedAllOrNothing()).when(changePledge()).thenNothingHappened());

  it("re-checks the tier's minimum", () =>
    given(aCommittedLimitedAllOrNothing())
      .when(changePledge({ amount: eur(1_500), tier: LIMITED_TIER }))
      .thenThrows(ValidationError, onField('amount')));

  it('re-checks the minimum pledge', () =>
    given(aCommittedAllOrNothing())
      .when(changePledge({ amount: eur(50) }))
      .thenThrows(ValidationError, onField('amount')));

  it('re-checks the tip against the new amount', () =>
    given(aCommittedAllOrNothing())
      .when(changePledge({ amount: eur(299) }))
      .thenThrows(ValidationError, onField('amount')));

  it('needs a hold to move to a limited tier', () =>
    given(aCommittedAllOrNothing())
      .when(changePledge({ tier: LIMITED_TIER }))
      .thenThrows(ValidationError, onField('hold')));

  it('is refused at the deadline', () =>
    given(aCommittedAllOrNothing())
      .when(changePledge({ amount: eur(4_000) }, asContributor(shifted(DEADLINE, 0))))
      .thenThrows(IllegalStateError, onField('deadline')));

  it('is refused to anyone but the contributor', () =>
    given(aCommittedAllOrNothing())
      .when(changePledge({ amount: eur(4_000) }, asStranger()))
      .thenThrows(ForbiddenError));

  it('is refused for a paid keep-it-all pledge', () =>
    given(aKeepItAllCommittedPledge())
      .when(changePledge({ amount: eur(4_000) }))
      .thenThrows(IllegalStateError, onField('amount')));

  it('is refused before the pledge is committed', () =>
    given(anAllOrNothingAwaitingSetup())
      .when(changePledge({ amount: eur(4_000) }))
      .thenThrows(IllegalStateError));

  it('is refused for a pledge that does not exist', () => given([]).when(changePledge()).thenThrows(NotFoundError));
});
