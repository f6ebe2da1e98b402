import type { PledgeViewer } from '@elan/contracts';
import { IllegalStateError, NotFoundError, type Money } from '@elan/domain-kernel';
import { idempotencyKey, type PaymentProvider } from '@elan/payments';
import type { PersonalDataVault } from '@elan/personal-data';
import { isIn, sealedText, type PledgeTier, type TierHold } from '../pledge';
import type { CampaignTerms } from './campaign-terms';
import { subjectOf } from './contributor-details';
import type { PledgeApplication } from './pledge-application';
import { TierSoldOutError } from './pledge-checkout';

/** What the viewer is to the decider: its actor, roles and guest token hash. */
export const actorMetadataOf = (viewer: PledgeViewer) =>
  viewer.kind === 'account'
    ? { actor: viewer.accountId, roles: viewer.roles }
    : { actor: 'guest', roles: [] as string[], guestTokenHash: viewer.guestTokenHash };

/**
 * What a contributor, holder or admin changes on an existing pledge: its amount or tier
 * (all-or-nothing, before the deadline), its card after a declined collection, and refunds.
 * The decider judges who may; callers first check the viewer may see the pledge at all.
 */
export class PledgeChanges {
  constructor(
    private readonly pledges: PledgeApplication,
    private readonly campaigns: CampaignTerms,
    private readonly vault: PersonalDataVault,
    private readonly payments: PaymentProvider | undefined,
  ) {}

  async change(pledgeId: string, viewer: PledgeViewer, amount: Money, tierId: string | null): Promise<void> {
    const pledge = await this.pledges.load(pledgeId);
    if (pledge.status === 'none') throw new NotFoundError(`pledge ${pledgeId} does not exist`, { pledgeId });
    const terms = await this.campaigns.terms(pledge.campaignId, tierId ?? undefined);
    let tier: PledgeTier | undefined;
    let hold: TierHold | undefined;
    if (tierId !== null && terms.tier) {
      tier = { tierId, minimum: terms.tier.minimum, limited: terms.tier.limited };
      const moving = pledge.tier?.tierId !== tierId;
      if (moving && !terms.tier.open) throw new IllegalStateError('this tier takes no more pledges', { field: 'tierId', tierId });
      // Only a move to another limited tier holds a unit, and only once the decider would accept the rest.
      if (moving && tier.limited && isIn(pledge, ['committed'])) {
        const reservation = await this.campaigns.reserve(pledge.campaignId, tierId, pledgeId);
        if (reservation.outcome === 'sold_out') throw new TierSoldOutError(tierId);
        hold = { holdId: reservation.reservationId, expiresAt: reservation.expiresAt };
      }
    }
    await this.pledges.execute({
      type: 'ChangePledge',
      data: { pledgeId, amount, ...(tier && { tier }), ...(hold && { hold }) },
      metadata: actorMetadataOf(viewer),
    });
  }

  async requestRefund(pledgeId: string, viewer: PledgeViewer, reason: string | undefined): Promise<void> {
    const pledge = await this.pledges.load(pledgeId);
    if (pledge.status === 'none') throw new NotFoundError(`pledge ${pledgeId} does not exist`, { pledgeId });
    const subject = subjectOf(pledge.contributor, pledgeId);
    const sealed = reason === undefined ? undefined : sealedText(await this.vault.seal(subject, 'refund.reason', reason));
    await this.pledges.execute({
      type: 'RequestRefund',
      data: { pledgeId, ...(sealed && { reason: sealed }) },
      metadata: actorMetadataOf(viewer),
    });
  }

  async grantRefund(pledgeId: string, viewer: PledgeViewer): Promise<void> {
    await this.pledges.execute({ type: 'GrantRefund', data: { pledgeId }, metadata: actorMetadataOf(viewer) });
  }

  /**
   * A new SetupIntent on the pledge's customer, keyed by the collection attempt it follows: asking
   * twice for one attempt gives the same intent. Its success (webhook) records `UpdateCard`.
   */
  async newCard(pledgeId: string, viewer: PledgeViewer): Promise<{ intentId: string; clientSecret: string }> {
    const pledge = await this.pledges.load(pledgeId);
    if (!isIn(pledge, ['collection_declined', 'card_updated']))
      throw new IllegalStateError(`a ${pledge.status} pledge takes no new card`, { status: pledge.status });
    const metadata = actorMetadataOf(viewer);
    const isContributor =
      pledge.contributor.kind === 'account'
        ? metadata.actor === pledge.contributor.accountId
        : 'guestTokenHash' in metadata && metadata.guestTokenHash === pledge.contributor.guestTokenHash;
    if (!isContributor) throw new NotFoundError(`pledge ${pledgeId} does not exist`, { pledgeId });
    if (!this.payments)
      throw new IllegalStateError('payments are not configured on this platform', { reason: 'payments_unavailable' });
    const first = await this.payments.retrieveCardSetup(pledge.intentId);
    if (!first.customerId) throw new IllegalStateError('the pledge has no saved customer to add a card to', { pledgeId });
    const setup = await this.payments.startCardSetup({
      owner: { service: 'pledge', entity: 'pledge', id: pledgeId },
      idempotencyKey: idempotencyKey('pledge', pledgeId, 'card-update', `attempt-${pledge.attempt}`),
      customerId: first.customerId,
    });
    if (!setup.clientSecret) throw new IllegalStateError(`Stripe gave no client secret for ${setup.setupId}`, { pledgeId });
    return { intentId: setup.setupId, clientSecret: setup.clientSecret };
  }
}
