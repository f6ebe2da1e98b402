import { Controller, Inject } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import {
  acknowledgeCampaignChanges,
  addTier,
  approveCampaign,
  cancelCampaign,
  closeTier,
  createCampaign,
  editCampaign,
  editTier,
  postCampaignUpdate,
  refuseCampaignImage,
  rejectCampaign,
  removeTier,
  submitCampaign,
  type ReplyOf,
  type RequestOf,
} from '@elan/contracts';
import { NotFoundError } from '@elan/domain-kernel';
import { HEADER, HandlesRequest } from '@elan/messaging';
import {
  CampaignApplication,
  type CampaignCommandRequest,
  type CampaignCommandResult,
} from '../application/campaign-application';
import type { ActorMetadata } from '../campaign';
import { SubmissionGate } from '../payouts';

type CommandReply = ReplyOf<typeof createCampaign>;
type Actor = RequestOf<typeof createCampaign>['actor'];

/**
 * Who asks, as the decider reads it: the gateway authenticated the actor, the campaign decides
 * whether that actor may. The correlation id of the request's headers follows into the events.
 */
const metadataOf = (actor: Actor, context: NatsContext): Omit<ActorMetadata, 'now'> => {
  const correlationId = context.getHeaders()?.get(HEADER.correlationId);
  return { actor: actor.accountId, roles: actor.roles, ...(correlationId && { correlationId }) };
};

/**
 * The campaign commands of the public API (`rpc.campaign.<Command>.v1`): each contract payload
 * becomes the domain command of the same name, and the reply says where the campaign stands.
 * Refusals are the decider's typed errors, which `@HandlesRequest` answers as error replies.
 */
@Controller()
export class CampaignCommandsMessageController {
  constructor(
    @Inject(CampaignApplication) private readonly campaigns: CampaignApplication,
    @Inject(SubmissionGate) private readonly submissions: SubmissionGate,
  ) {}

  @HandlesRequest(createCampaign)
  async create({ actor, ...data }: RequestOf<typeof createCampaign>, context: NatsContext): Promise<CommandReply> {
    return this.execute({ type: 'CreateCampaign', data, metadata: metadataOf(actor, context) });
  }

  @HandlesRequest(editCampaign)
  async edit({ actor, campaignId, changes }: RequestOf<typeof editCampaign>, context: NatsContext): Promise<CommandReply> {
    return this.execute({ type: 'EditCampaign', data: { campaignId, changes }, metadata: metadataOf(actor, context) });
  }

  @HandlesRequest(submitCampaign)
  async submit({ actor, campaignId }: RequestOf<typeof submitCampaign>, context: NatsContext): Promise<CommandReply> {
    await this.submissions.check(await this.campaigns.load(campaignId), actor.accountId);
    return this.execute({ type: 'SubmitCampaign', data: { campaignId }, metadata: metadataOf(actor, context) });
  }

  @HandlesRequest(approveCampaign)
  async approve({ actor, campaignId }: RequestOf<typeof approveCampaign>, context: NatsContext): Promise<CommandReply> {
    return this.execute({ type: 'ApproveCampaign', data: { campaignId }, metadata: metadataOf(actor, context) });
  }

  @HandlesRequest(rejectCampaign)
  async reject({ actor, campaignId, reason }: RequestOf<typeof rejectCampaign>, context: NatsContext): Promise<CommandReply> {
    return this.execute({ type: 'RejectCampaign', data: { campaignId, reason }, metadata: metadataOf(actor, context) });
  }

  @HandlesRequest(cancelCampaign)
  async cancel({ actor, campaignId, reason }: RequestOf<typeof cancelCampaign>, context: NatsContext): Promise<CommandReply> {
    return this.execute({ type: 'CancelCampaign', data: { campaignId, reason }, metadata: metadataOf(actor, context) });
  }

  @HandlesRequest(addTier)
  async addTier({ actor, campaignId, tier }: RequestOf<typeof addTier>, context: NatsContext): Promise<CommandReply> {
    return this.execute({ type: 'AddTier', data: { campaignId, tier }, metadata: metadataOf(actor, context) });
  }

  @HandlesRequest(editTier)
  async editTier(
    { actor, campaignId, tierId, changes }: RequestOf<typeof editTier>,
    context: NatsContext,
  ): Promise<CommandReply> {
    return this.execute({ type: 'EditTier', data: { campaignId, tierId, changes }, metadata: metadataOf(actor, context) });
  }

  @HandlesRequest(closeTier)
  async closeTier({ actor, campaignId, tierId }: RequestOf<typeof closeTier>, context: NatsContext): Promise<CommandReply> {
    return this.execute({ type: 'CloseTier', data: { campaignId, tierId }, metadata: metadataOf(actor, context) });
  }

  @HandlesRequest(removeTier)
  async removeTier({ actor, campaignId, tierId }: RequestOf<typeof removeTier>, context: NatsContext): Promise<CommandReply> {
    return this.execute({ type: 'RemoveTier', data: { campaignId, tierId }, metadata: metadataOf(actor, context) });
  }

  @HandlesRequest(postCampaignUpdate)
  async postUpdate({ actor, ...data }: RequestOf<typeof postCampaignUpdate>, context: NatsContext): Promise<CommandReply> {
    return this.execute({ type: 'PostCampaignUpdate', data, metadata: metadataOf(actor, context) });
  }

  @HandlesRequest(acknowledgeCampaignChanges)
  async acknowledgeChanges(
    { actor, campaignId, version }: RequestOf<typeof acknowledgeCampaignChanges>,
    context: NatsContext,
  ): Promise<CommandReply> {
    return this.execute({
      type: 'AcknowledgeCampaignChanges',
      data: { campaignId, version },
      metadata: metadataOf(actor, context),
    });
  }

  @HandlesRequest(refuseCampaignImage)
  async refuseImage({ actor, ...data }: RequestOf<typeof refuseCampaignImage>, context: NatsContext): Promise<CommandReply> {
    return this.execute({ type: 'RefuseCampaignImage', data, metadata: metadataOf(actor, context) });
  }

  private async execute(command: CampaignCommandRequest): Promise<CommandReply> {
    return replyOf(command.data.campaignId, await this.campaigns.execute(command));
  }
}

/** `{ campaignId, status, version }`: where the campaign stands after the command (or its no-op). */
const replyOf = (campaignId: string, { state, version }: CampaignCommandResult): CommandReply => {
  // Every command but CreateCampaign throws NotFoundError first; this only guards the types.
  if (state.status === 'none') throw new NotFoundError(`campaign ${campaignId} does not exist`, { campaignId });
  return { campaignId, status: state.status, version };
};
