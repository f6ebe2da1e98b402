import type { CampaignRules } from './campaign-rules';
import type { CampaignCommand } from './campaign.commands';
import type { CampaignEvent } from './campaign.events';
import type { CampaignState } from './campaign.state';
import { createCampaign, editCampaign, submitCampaign } from './campaign-drafting.decide';
import {
  approveCampaign,
  cancelCampaign,
  closeCampaign,
  launchCampaign,
  recordPledgeTally,
  rejectCampaign,
} from './campaign-lifecycle.decide';
import { addTier, closeTier, editTier, removeTier } from './campaign-tiers.decide';
import { acknowledgeCampaignChanges, refuseCampaignImage } from './campaign-moderation.decide';
import { postCampaignUpdate } from './campaign-updates.decide';

/**
 * Routes each command to its decision. Decisions return one event, or none when the command is
 * already satisfied (a second launch or close, an edit that changes nothing), and throw typed
 * errors: `NotFoundError` (no such campaign or tier), `ForbiddenError` (not allowed to this
 * actor), `IllegalStateError` (not in this status, or a frozen field), `ValidationError`
 * (bad input, `details.field` naming it).
 */
export const decide = (
  command: CampaignCommand,
  state: CampaignState,
  rules: CampaignRules,
): CampaignEvent | readonly CampaignEvent[] => {
  switch (command.type) {
    case 'CreateCampaign':
      return createCampaign(command, state, rules);
    case 'EditCampaign':
      return editCampaign(command, state, rules);
    case 'SubmitCampaign':
      return submitCampaign(command, state, rules);
    case 'ApproveCampaign':
      return approveCampaign(command, state, rules);
    case 'RejectCampaign':
      return rejectCampaign(command, state);
    case 'LaunchCampaign':
      return launchCampaign(command, state);
    case 'CloseCampaign':
      return closeCampaign(command, state);
    case 'RecordPledgeTally':
      return recordPledgeTally(command, state, rules);
    case 'CancelCampaign':
      return cancelCampaign(command, state);
    case 'AddTier':
      return addTier(command, state, rules);
    case 'EditTier':
      return editTier(command, state, rules);
    case 'CloseTier':
      return closeTier(command, state);
    case 'RemoveTier':
      return removeTier(command, state);
    case 'PostCampaignUpdate':
      return postCampaignUpdate(command, state);
    case 'AcknowledgeCampaignChanges':
      return acknowledgeCampaignChanges(command, state);
    case 'RefuseCampaignImage':
      return refuseCampaignImage(command, state);
    default:
      return unknownCommand(command);
  }
};

/** Unreachable for typed callers; guards against a command type added to the union but not routed. */
const unknownCommand = (command: never): never => {
  throw new TypeError(`unknown campaign command ${(command as { type?: unknown }).type as string}`);
};
