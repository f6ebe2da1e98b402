import type { ReplyOf, RequestOf, placePledge } from '@elan/contracts';
import { add, IllegalStateError, type Money } from '@elan/domain-kernel';
import type { PostgresEventStore } from '@elan/event-store';
import type { PersonalDataVault } from '@elan/personal-data';
import {
  checkPledge,
  type ActorMetadata,
  type CampaignFacts,
  type Contributor,
  type PledgeRules,
  type PledgeState,
  type PledgeTier,
  type TierHold,
} from '../pledge';
import { findPledgeRow, pledgeViewOf } from '../read-models/pledge-view';
import type { PledgeRow } from '../read-models/pledge-view.table';
import type { CampaignTerms, PledgeTerms } from './campaign-terms';
import { sealDetails, subjectOf } from './contributor-details';
import type { CheckoutIntent, CheckoutIntents } from './payment-intents';
import type { PledgeApplication } from './pledge-application';

type PlaceRequest = RequestOf<typeof placePledge>;
type PlaceReply = ReplyOf<typeof placePledge>;

/** What a contributor is told when a tier's last unit went to someone else: an answer, not a failure. */
export class TierSoldOutError extends IllegalStateError {
  constructor(tierId: string) {
    super('this tier is sold out', { field: 'tierId', tierId, reason: 'sold_out' });
  }
}

/**
 * Placing a pledge (issue #10): the campaign's fresh terms, the rules checked before anything is
 * held or charged, a limited tier's unit held (ADR 0007), the checkout's intent created at Stripe,
 * then the pledge and its intent recorded in one transaction. Every step is keyed by the pledge
 * id, so the same request again — after a lost reply or a crash anywhere — finds its own work and
 * answers the same pledge and intent.
 */
export class PledgeCheckout {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly pledges: PledgeApplication,
    private readonly campaigns: CampaignTerms,
    private readonly vault: PersonalDataVault,
    private readonly intents: CheckoutIntents | undefined,
    private readonly rules: PledgeRules,
  ) {}

  async place(request: PlaceRequest): Promise<PlaceReply> {
    const existing = await this.pledges.load(request.pledgeId);
    if (existing.status !== 'none') return this.again(existing, request);
    const intents = this.requireIntents();
    const { contributor, metadata } = this.contributorOf(request);
    const terms = await this.campaigns.terms(request.campaignId, request.tierId);
    const tier = this.tierOf(terms.tier, request.tierId);
    const campaign: CampaignFacts = {
      campaignId: terms.campaignId,
      holderId: terms.holderId,
      fundingModel: terms.fundingModel,
      deadline: terms.deadline ?? new Date(8.64e15).toISOString(),
      status: terms.status,
    };
    const tipChoice = { amount: request.tip, ...(request.tip.amount > 0 && { tipId: request.pledgeId }) };
    const subjectId = subjectOf(contributor.kind === 'account' ? contributor : { kind: 'guest' }, request.pledgeId);
    const details = await sealDetails(this.vault, subjectId, {
      ...(request.contributor.name !== undefined && { name: request.contributor.name }),
      email: request.contributor.email,
      ...(request.message !== undefined && { message: request.message }),
      showName: request.showName,
    });
    const data = {
      pledgeId: request.pledgeId,
      campaign,
      amount: request.amount,
      ...(tier && { tier }),
      tip: tipChoice,
      contributor,
      details,
      ...(request.language && { language: request.language }),
    };
    // Nothing is held or charged for a pledge the rules refuse.
    checkPledge(data, { ...metadata, now: this.pledges.now() }, this.rules);
    const hold = tier?.limited ? await this.holdUnit(request.campaignId, tier.tierId, request.pledgeId) : undefined;
    const intent =
      campaign.fundingModel === 'keep_it_all'
        ? await intents.payment({ ...request, tip: request.tip })
        : await intents.cardSetup({ pledgeId: request.pledgeId, email: request.contributor.email });
    const placed = await this.pledges.executeAll(request.pledgeId, () => [
      { type: 'PlacePledge', data: { ...data, ...(hold && { hold }) }, metadata },
      { type: 'RequestPayment', data: { pledgeId: request.pledgeId, intentId: intent.intentId }, metadata: {} },
    ]);
    return this.reply(request.pledgeId, add(request.amount, request.tip), intent, placed.row);
  }

  /** The same pledge id again: the same contributor gets the same pledge and intent; anyone else, a conflict. */
  private async again(existing: Exclude<PledgeState, { status: 'none' }>, request: PlaceRequest): Promise<PlaceReply> {
    const { contributor } = this.contributorOf(request);
    const same =
      existing.contributor.kind === contributor.kind &&
      (contributor.kind === 'account'
        ? existing.contributor.kind === 'account' && existing.contributor.accountId === contributor.accountId
        : existing.contributor.kind === 'guest' && existing.contributor.guestTokenHash === contributor.guestTokenHash);
    if (!same || existing.campaignId !== request.campaignId)
      throw new IllegalStateError('this pledge id is taken', { field: 'pledgeId', pledgeId: request.pledgeId });
    if (!('intentId' in existing) || existing.intentId === undefined)
      throw new IllegalStateError(`a ${existing.status} pledge has no payment to confirm`, { status: existing.status });
    const intent = await this.requireIntents().existing(existing.intentId);
    return this.reply(existing.pledgeId, add(existing.amount, existing.tip.amount), intent);
  }

  /** From the row just written when there is one, otherwise as the table has it now. */
  private async reply(pledgeId: string, total: Money, intent: CheckoutIntent, written?: PledgeRow): Promise<PlaceReply> {
    const row = written ?? (await findPledgeRow(this.store.pool, this.store.schema, pledgeId));
    if (!row) throw new Error(`pledge ${pledgeId} was recorded without its row`);
    return { pledge: await pledgeViewOf(row, this.vault), total, payment: intent };
  }

  private contributorOf(request: PlaceRequest): { contributor: Contributor; metadata: Omit<ActorMetadata, 'now'> } {
    const given = request.contributor;
    if (given.kind === 'account')
      return {
        contributor: { kind: 'account', accountId: given.accountId },
        metadata: { actor: given.accountId, roles: given.roles },
      };
    return {
      contributor: { kind: 'guest', guestTokenHash: given.guestTokenHash },
      metadata: { actor: 'guest', roles: [], guestTokenHash: given.guestTokenHash },
    };
  }

  private tierOf(tier: PledgeTerms['tier'], tierId?: string): PledgeTier | undefined {
    if (tierId === undefined || tier === undefined) return undefined;
    if (!tier.open) throw new IllegalStateError('this tier takes no more pledges', { field: 'tierId', tierId });
    return { tierId: tier.tierId, minimum: tier.minimum, limited: tier.limited };
  }

  private async holdUnit(campaignId: string, tierId: string, pledgeId: string): Promise<TierHold> {
    const reservation = await this.campaigns.reserve(campaignId, tierId, pledgeId);
    if (reservation.outcome === 'sold_out') throw new TierSoldOutError(tierId);
    return { holdId: reservation.reservationId, expiresAt: reservation.expiresAt };
  }

  private requireIntents(): CheckoutIntents {
    if (!this.intents)
      throw new IllegalStateError('payments are not configured on this platform: no pledge can be paid', {
        reason: 'payments_unavailable',
      });
    return this.intents;
  }
}
