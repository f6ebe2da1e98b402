import { RECEIPT_STATEMENT } from './pledge-holder.requests';

/**
 * One valid and one invalid payload for each pledge event and request, for the catalog test.
 * Test data only: imported by `catalog.unit.spec.ts`.
 */
const CAMPAIGN = '0195f0a0-0000-7000-8000-00000000c002';
const HOLDER = '0195f0a0-0000-7000-8000-00000000a002';
const CONTRIBUTOR = '0195f0a0-0000-7000-8000-00000000a003';
const ADMIN = '0195f0a0-0000-7000-8000-00000000a004';
const TIER = '0195f0a0-0000-7000-8000-00000000d002';
const OTHER_TIER = '0195f0a0-0000-7000-8000-00000000d003';
const HOLD = '0195f0a0-0000-7000-8000-00000000e001';
const PLEDGE = '0195f0a0-0000-7000-8000-00000000f001';
const GUEST_PLEDGE = '0195f0a0-0000-7000-8000-00000000f002';
const GUEST_TOKEN_HASH = '9f2c4e1a7b3d5f60812a4c6e8b0d2f4163a5c7e9b1d3f5072846a8c0e2b4d6f8';
const PAYMENT_INTENT = 'pi_3QxYz2AbCdEfGh';
const eur = (amount: number) => ({ amount, currency: 'EUR' });

interface Invalid {
  readonly field: string;
  readonly payload: unknown;
}
type EventSample = { valid: unknown; invalid: Invalid };
type Sample = { request: { valid: unknown; invalid: Invalid }; reply: { valid: unknown[]; invalid: Invalid } };

const withTip = { amount: eur(250), tipId: PLEDGE };
const noTip = { amount: eur(0) };

export const pledgeEventSamples: Record<string, EventSample> = {
  'elan.pledge.PledgeCommitted.v1': {
    valid: {
      pledgeId: PLEDGE,
      campaignId: CAMPAIGN,
      fundingModel: 'keep_it_all',
      amount: eur(2_500),
      tip: withTip,
      contributorRef: CONTRIBUTOR,
      tierId: TIER,
      holdId: HOLD,
      charged: true,
      paymentIntentId: PAYMENT_INTENT,
      committedAt: '2026-04-15T19:59:59Z',
    },
    invalid: {
      field: 'contributorRef',
      payload: {
        pledgeId: PLEDGE,
        campaignId: CAMPAIGN,
        fundingModel: 'all_or_nothing',
        amount: eur(2_500),
        tip: noTip,
        contributorRef: 'camille.martin@example.org',
        charged: false,
        committedAt: '2026-04-15T19:59:59Z',
      },
    },
  },
  'elan.pledge.PledgeChanged.v1': {
    valid: {
      pledgeId: PLEDGE,
      campaignId: CAMPAIGN,
      previousAmount: eur(2_500),
      amount: eur(5_000),
      previousTierId: TIER,
      tierId: OTHER_TIER,
      holdId: HOLD,
      changedAt: '2026-04-10T08:30:00Z',
    },
    invalid: {
      field: 'previousAmount.amount',
      payload: {
        pledgeId: PLEDGE,
        campaignId: CAMPAIGN,
        previousAmount: eur(25.5),
        amount: eur(5_000),
        changedAt: '2026-04-10T08:30:00Z',
      },
    },
  },
  'elan.pledge.PledgeCollected.v1': {
    valid: {
      pledgeId: PLEDGE,
      campaignId: CAMPAIGN,
      amount: eur(2_500),
      tip: withTip,
      paymentIntentId: PAYMENT_INTENT,
      collectedAt: '2026-04-15T20:05:12Z',
    },
    invalid: {
      field: 'paymentIntentId',
      payload: {
        pledgeId: PLEDGE,
        campaignId: CAMPAIGN,
        amount: eur(2_500),
        tip: withTip,
        paymentIntentId: 'seti_3QxYz2AbCdEfGh',
        collectedAt: '2026-04-15T20:05:12Z',
      },
    },
  },
  'elan.pledge.PledgeWithdrawn.v1': {
    valid: {
      pledgeId: PLEDGE,
      campaignId: CAMPAIGN,
      reason: 'refunded',
      amount: eur(2_500),
      tip: withTip,
      charged: true,
      paymentIntentId: PAYMENT_INTENT,
      withdrawnAt: '2026-04-02T14:00:00Z',
    },
    invalid: {
      field: 'reason',
      payload: {
        pledgeId: PLEDGE,
        campaignId: CAMPAIGN,
        reason: 'expired',
        amount: eur(2_500),
        tip: noTip,
        charged: false,
        withdrawnAt: '2026-04-02T14:00:00Z',
      },
    },
  },
  'elan.pledge.TierUnitReleased.v1': {
    valid: { pledgeId: PLEDGE, campaignId: CAMPAIGN, tierId: TIER, holdId: HOLD, reason: 'abandoned' },
    invalid: { field: 'holdId', payload: { pledgeId: PLEDGE, campaignId: CAMPAIGN, tierId: TIER, reason: 'late' } },
  },
  'elan.pledge.PledgesTallied.v1': {
    valid: {
      campaignId: CAMPAIGN,
      deadline: '2026-04-15T20:00:00Z',
      committedTotal: eur(1_612_300),
      backers: 412,
      digest: '3b6f0c1e9a2d4f5b7c8e0a1d3f5b7c9e1a3d5f7b9c1e3a5d7f9b1c3e5a7d9f0b',
      talliedAt: '2026-04-15T20:10:00Z',
    },
    invalid: {
      field: 'digest',
      payload: {
        campaignId: CAMPAIGN,
        deadline: '2026-04-15T20:00:00Z',
        committedTotal: eur(0),
        backers: 0,
        digest: 'not-a-sha-256',
        talliedAt: '2026-04-15T20:10:00Z',
      },
    },
  },
  'elan.pledge.CampaignCollectionClosed.v1': {
    valid: {
      campaignId: CAMPAIGN,
      collected: { count: 410, amount: eur(1_605_300) },
      dropped: { count: 2, amount: eur(7_000) },
      closedAt: '2026-04-25T20:10:00Z',
    },
    invalid: {
      field: 'collected.count',
      payload: {
        campaignId: CAMPAIGN,
        collected: { count: -1, amount: eur(0) },
        dropped: { count: 0, amount: eur(0) },
        closedAt: '2026-04-25T20:10:00Z',
      },
    },
  },
};

const accountViewer = { kind: 'account', accountId: CONTRIBUTOR, roles: ['contributor'] };
const guestViewer = { kind: 'guest', guestTokenHash: GUEST_TOKEN_HASH };
const adminViewer = { kind: 'account', accountId: ADMIN, roles: ['admin'] };

const view = {
  pledgeId: PLEDGE,
  campaignId: CAMPAIGN,
  status: 'committed',
  fundingModel: 'all_or_nothing',
  amount: eur(2_500),
  tip: eur(250),
  tierId: TIER,
  contributor: { kind: 'account', name: 'Camille Martin', email: 'camille.martin@example.org', showName: true },
  message: 'Hâte de goûter le premier pain !',
  placedAt: '2026-04-01T09:00:00Z',
  committedAt: '2026-04-01T09:00:42Z',
  retryUntil: null,
};
const guestView = {
  ...view,
  pledgeId: GUEST_PLEDGE,
  status: 'awaiting_payment',
  fundingModel: 'keep_it_all',
  tip: eur(0),
  tierId: null,
  contributor: { kind: 'guest', name: 'erased', email: 'erased', showName: false },
  message: null,
  committedAt: null,
};

/** A command on one pledge answers the pledge as it stands afterwards. */
const pledgeReply = (status: string, field: string, broken: Record<string, unknown>) => ({
  valid: [{ ...view, status }],
  invalid: { field, payload: { ...view, status, ...broken } },
});

const backer = {
  pledgeId: PLEDGE,
  publicName: 'Camille Martin',
  name: 'Camille Martin',
  email: 'camille.martin@example.org',
  amount: eur(2_500),
  tierId: TIER,
  committedAt: '2026-04-01T09:00:42Z',
  status: 'committed',
};
const erasedBacker = {
  ...backer,
  pledgeId: GUEST_PLEDGE,
  publicName: 'anonymous',
  name: 'erased',
  email: 'erased',
  tierId: null,
  status: 'cancelled',
};

const receipt = {
  receiptNumber: PLEDGE,
  pledgeId: PLEDGE,
  campaign: { campaignId: CAMPAIGN, title: 'Un four à pain' },
  fundingModel: 'keep_it_all',
  lines: [
    { kind: 'pledge', description: 'Pledge to “Un four à pain”', amount: eur(2_500) },
    { kind: 'tip', description: 'Voluntary tip to Élan', amount: eur(250) },
  ],
  total: eur(2_750),
  paidAt: '2026-04-01T09:00:42Z',
  contributor: { name: 'Camille Martin', email: 'camille.martin@example.org' },
  refund: null,
  statement: RECEIPT_STATEMENT,
  facts: { streamId: `pledge-${PLEDGE}`, position: 4, hash: '3f'.repeat(32) },
};

const erasure = { erasedAt: '2026-05-02T10:00:00Z', abandoned: [], cancelled: [PLEDGE], kept: [GUEST_PLEDGE] };

export const pledgeRequestSamples: Record<string, Sample> = {
  'rpc.pledge.PlacePledge.v1': {
    request: {
      valid: {
        pledgeId: PLEDGE,
        campaignId: CAMPAIGN,
        contributor: {
          kind: 'account',
          accountId: CONTRIBUTOR,
          roles: ['contributor'],
          email: 'camille.martin@example.org',
          name: 'Camille Martin',
        },
        amount: eur(2_500),
        tierId: TIER,
        tip: eur(250),
        showName: true,
        message: 'Hâte de goûter le premier pain !',
      },
      invalid: {
        field: 'contributor.name',
        payload: {
          pledgeId: GUEST_PLEDGE,
          campaignId: CAMPAIGN,
          contributor: { kind: 'guest', guestTokenHash: GUEST_TOKEN_HASH, email: 'dominique@example.org' },
          amount: eur(1_000),
          tip: eur(0),
          showName: false,
        },
      },
    },
    reply: {
      valid: [
        {
          pledge: { ...view, status: 'awaiting_card_setup', committedAt: null },
          total: eur(2_750),
          payment: { kind: 'card_setup', intentId: 'seti_3QxYz2AbCdEfGh', clientSecret: 'seti_3QxYz2AbCdEfGh_secret_x1' },
        },
        {
          pledge: guestView,
          total: eur(2_500),
          payment: { kind: 'payment', intentId: PAYMENT_INTENT, clientSecret: `${PAYMENT_INTENT}_secret_y2` },
        },
      ],
      invalid: {
        field: 'payment.kind',
        payload: {
          pledge: guestView,
          total: eur(2_500),
          payment: { kind: 'charge', intentId: PAYMENT_INTENT, clientSecret: `${PAYMENT_INTENT}_secret_y2` },
        },
      },
    },
  },
  'rpc.pledge.GetPledge.v1': {
    request: {
      valid: { pledgeId: GUEST_PLEDGE, viewer: guestViewer },
      invalid: {
        field: 'viewer.guestTokenHash',
        payload: { pledgeId: GUEST_PLEDGE, viewer: { kind: 'guest', guestTokenHash: 'the-token-itself' } },
      },
    },
    reply: { valid: [view, guestView], invalid: { field: 'status', payload: { ...view, status: 'pending' } } },
  },
  'rpc.pledge.ListMyPledges.v1': {
    request: { valid: { accountId: CONTRIBUTOR }, invalid: { field: 'accountId', payload: { accountId: 'me' } } },
    reply: {
      valid: [{ items: [view] }, { items: [] }],
      invalid: { field: 'items.0.amount.amount', payload: { items: [{ ...view, amount: eur(25.5) }] } },
    },
  },
  'rpc.pledge.CancelPledge.v1': {
    request: {
      valid: { pledgeId: PLEDGE, viewer: accountViewer },
      invalid: { field: 'viewer', payload: { pledgeId: PLEDGE } },
    },
    reply: pledgeReply('cancelled', 'tip', { tip: undefined }),
  },
  'rpc.pledge.ChangePledge.v1': {
    request: {
      valid: { pledgeId: PLEDGE, viewer: accountViewer, amount: eur(5_000), tierId: null },
      invalid: { field: 'tierId', payload: { pledgeId: PLEDGE, viewer: accountViewer, amount: eur(5_000) } },
    },
    reply: pledgeReply('committed', 'committedAt', { committedAt: '01/04/2026' }),
  },
  'rpc.pledge.RequestPledgeRefund.v1': {
    request: {
      valid: { pledgeId: PLEDGE, viewer: accountViewer, reason: 'Je déménage avant la livraison.' },
      invalid: { field: 'reason', payload: { pledgeId: PLEDGE, viewer: accountViewer, reason: '   ' } },
    },
    reply: pledgeReply('refund_requested', 'contributor.showName', {
      contributor: { kind: 'account', name: 'Camille Martin', email: 'camille.martin@example.org' },
    }),
  },
  'rpc.pledge.GrantPledgeRefund.v1': {
    request: {
      valid: { pledgeId: PLEDGE, viewer: adminViewer },
      invalid: { field: 'viewer.roles.0', payload: { pledgeId: PLEDGE, viewer: { ...adminViewer, roles: ['superuser'] } } },
    },
    reply: pledgeReply('refunded', 'retryUntil', { retryUntil: 'next week' }),
  },
  'rpc.pledge.UpdatePledgeCard.v1': {
    request: {
      valid: { pledgeId: GUEST_PLEDGE, viewer: guestViewer },
      invalid: { field: 'pledgeId', payload: { viewer: guestViewer } },
    },
    reply: {
      valid: [
        {
          pledge: { ...view, status: 'collection_declined', retryUntil: '2026-04-22T20:05:12Z' },
          payment: { kind: 'card_setup', intentId: 'seti_4RyZa3BcDeFgHi', clientSecret: 'seti_4RyZa3BcDeFgHi_secret_z3' },
        },
      ],
      invalid: {
        field: 'payment.kind',
        payload: {
          pledge: { ...view, status: 'collection_declined', retryUntil: '2026-04-22T20:05:12Z' },
          payment: { kind: 'payment', intentId: PAYMENT_INTENT, clientSecret: `${PAYMENT_INTENT}_secret_y2` },
        },
      },
    },
  },
  'rpc.pledge.ListBackers.v1': {
    request: {
      valid: { campaignId: CAMPAIGN, viewer: { accountId: HOLDER, roles: ['contributor', 'holder'] }, limit: 200 },
      invalid: {
        field: 'limit',
        payload: { campaignId: CAMPAIGN, viewer: { accountId: HOLDER, roles: ['holder'] }, limit: 201 },
      },
    },
    reply: {
      valid: [
        { items: [backer, erasedBacker], nextCursor: 'eyJhdCI6IjIwMjYtMDQtMDFUMDk6MDA6NDJaIn0' },
        { items: [], nextCursor: null },
      ],
      invalid: {
        field: 'items.0.status',
        payload: { items: [{ ...backer, status: 'abandoned' }], nextCursor: null },
      },
    },
  },
  'rpc.pledge.ListCampaignMessages.v1': {
    request: {
      valid: { campaignId: CAMPAIGN, cursor: 'eyJhdCI6IjIwMjYtMDQtMDFUMDk6MDA6NDJaIn0', limit: 50 },
      invalid: { field: 'limit', payload: { campaignId: CAMPAIGN, limit: 51 } },
    },
    reply: {
      valid: [
        {
          items: [{ publicName: 'anonymous', message: 'Bravo à toute l’équipe.', postedAt: '2026-04-01T09:00:42Z' }],
          nextCursor: null,
        },
      ],
      invalid: {
        field: 'nextCursor',
        payload: {
          items: [
            { publicName: 'Camille Martin', message: 'Hâte de goûter le premier pain !', postedAt: '2026-04-01T09:00:42Z' },
          ],
        },
      },
    },
  },
  'rpc.pledge.GetPledgeReceipt.v1': {
    request: {
      valid: { pledgeId: PLEDGE, viewer: accountViewer },
      invalid: { field: 'pledgeId', payload: { pledgeId: 'receipt-1', viewer: accountViewer } },
    },
    reply: {
      valid: [
        receipt,
        {
          ...receipt,
          contributor: { name: 'erased', email: 'erased' },
          refund: { refundedAt: '2026-04-03T11:00:00Z', pledge: eur(2_500), tip: eur(250), total: eur(2_750) },
          facts: { streamId: `pledge-${PLEDGE}`, position: 6, hash: 'a0'.repeat(32) },
        },
      ],
      invalid: {
        field: 'lines.1.kind',
        payload: { ...receipt, lines: [receipt.lines[0], { kind: 'fee', description: 'Platform fee', amount: eur(250) }] },
      },
    },
  },
  'rpc.pledge.ExportPersonalData.v1': {
    request: { valid: { accountId: CONTRIBUTOR }, invalid: { field: 'accountId', payload: {} } },
    reply: {
      valid: [
        { erasedAt: null, pledges: [view] },
        { erasedAt: '2026-05-02T10:00:00Z', pledges: [] },
      ],
      invalid: { field: 'erasedAt', payload: { pledges: [view] } },
    },
  },
  'rpc.pledge.ErasePersonalData.v1': {
    request: { valid: { accountId: CONTRIBUTOR }, invalid: { field: 'accountId', payload: { accountId: 42 } } },
    reply: { valid: [erasure], invalid: { field: 'kept.0', payload: { ...erasure, kept: ['pledge-1'] } } },
  },
  'rpc.pledge.EraseGuestPersonalData.v1': {
    request: {
      valid: { pledgeId: GUEST_PLEDGE, guestTokenHash: GUEST_TOKEN_HASH },
      invalid: { field: 'guestTokenHash', payload: { pledgeId: GUEST_PLEDGE, guestTokenHash: GUEST_TOKEN_HASH.toUpperCase() } },
    },
    reply: {
      valid: [{ erasedAt: '2026-05-02T10:00:00Z', abandoned: [GUEST_PLEDGE], cancelled: [], kept: [] }],
      invalid: { field: 'erasedAt', payload: { erasedAt: '2026-05-02 10:00', abandoned: [], cancelled: [], kept: [] } },
    },
  },
};
