import { IllegalStateError, NotFoundError } from '@elan/domain-kernel';
import { commandTime, existing, requireHolder, requireStatus } from './campaign-access';
import { changedOnly, invalid } from './campaign-fields';
import type { CampaignRules } from './campaign-rules';
import type { AddTier, CloseTier, EditTier, RemoveTier } from './campaign.commands';
import type { TierAdded, TierClosed, TierEdited, TierRemoved } from './campaign.events';
import type { CampaignState, ExistingCampaign } from './campaign.state';
import type { Tier } from './campaign.values';
import { tierChanges, tierDefinition } from './tier-fields';

/**
 * Decisions about reward tiers. Contributors choose a tier at a price and stock they rely on,
 * so once the campaign is approved a tier's price and stock are frozen and a tier is closed
 * rather than removed; its wording may still be corrected.
 */

const MANAGED = ['draft', 'approved', 'live'] as const;

/** Fixed once the campaign is approved: what a contributor paid for. */
const FROZEN_ONCE_APPROVED = ['minimumAmount', 'quantityLimit'] as const;

const tierOf = (campaign: ExistingCampaign, tierId: string): Tier => {
  const tier = campaign.tiers.find((candidate) => candidate.tierId === tierId);
  if (tier === undefined) throw new NotFoundError(`tier ${tierId} does not exist in this campaign`, { field: 'tierId', tierId });
  return tier;
};

export const addTier = (command: AddTier, state: CampaignState, rules: CampaignRules): TierAdded => {
  const { data, metadata } = command;
  const campaign = existing(state, data.campaignId);
  requireHolder(campaign, metadata, 'add a tier');
  const managed = requireStatus(campaign, MANAGED, 'have tiers added');
  const definition = tierDefinition(data.tier, rules);
  if (managed.tiers.some((tier) => tier.tierId === definition.tierId))
    throw invalid('tierId', 'is already used in this campaign');
  const tier: Tier = { ...definition, status: 'open' };
  return { type: 'TierAdded', data: { campaignId: managed.campaignId, tier, addedAt: commandTime(metadata).at } };
};

export const editTier = (command: EditTier, state: CampaignState, rules: CampaignRules): TierEdited | [] => {
  const { data, metadata } = command;
  const campaign = existing(state, data.campaignId);
  requireHolder(campaign, metadata, 'edit a tier');
  const managed = requireStatus(campaign, MANAGED, 'have its tiers edited');
  const changes = changedOnly(tierOf(managed, data.tierId), tierChanges(data.changes, rules));
  if (Object.keys(changes).length === 0) return [];
  const frozen = FROZEN_ONCE_APPROVED.find((field) => changes[field] !== undefined);
  if (managed.status !== 'draft' && frozen !== undefined)
    throw new IllegalStateError(`a tier's ${frozen} cannot change once the campaign is ${managed.status}`, {
      field: frozen,
    });
  return {
    type: 'TierEdited',
    data: { campaignId: managed.campaignId, tierId: data.tierId, changes, editedAt: commandTime(metadata).at },
  };
};

/** Closing a closed tier records nothing: the holder's intent already holds. */
export const closeTier = (command: CloseTier, state: CampaignState): TierClosed | [] => {
  const { data, metadata } = command;
  const campaign = existing(state, data.campaignId);
  requireHolder(campaign, metadata, 'close a tier');
  const managed = requireStatus(campaign, MANAGED, 'have its tiers closed');
  if (tierOf(managed, data.tierId).status === 'closed') return [];
  return {
    type: 'TierClosed',
    data: { campaignId: managed.campaignId, tierId: data.tierId, closedAt: commandTime(metadata).at },
  };
};

export const removeTier = (command: RemoveTier, state: CampaignState): TierRemoved => {
  const { data, metadata } = command;
  const campaign = existing(state, data.campaignId);
  requireHolder(campaign, metadata, 'remove a tier');
  const draft = requireStatus(campaign, ['draft'], 'have tiers removed (close the tier instead)');
  tierOf(draft, data.tierId);
  return {
    type: 'TierRemoved',
    data: { campaignId: draft.campaignId, tierId: data.tierId, removedAt: commandTime(metadata).at },
  };
};
