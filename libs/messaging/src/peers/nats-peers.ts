import { DEAD_LETTER_PREFIX, DEAD_LETTER_STREAM, ELAN_STREAM } from '../streams';

/**
 * The processes that hold a NATS user: the gateway and each service that exists. A service joins
 * this list (one `servicePeer` line) when it is built: a user generated for a service nobody
 * runs would be a credential with no owner to rotate it.
 */
export const NATS_PEERS = ['gateway', 'campaign', 'pledge', 'tipping', 'payout', 'notification'] as const;
export type NatsPeer = (typeof NATS_PEERS)[number];

/** What one NATS user may do: the subjects it may publish to and subscribe to. */
export interface PeerPermissions {
  readonly publish: readonly string[];
  /** A subject, or `"<subject> <queue group>"` to allow only queue subscriptions in that group. */
  readonly subscribe: readonly string[];
  /**
   * May answer the requests it received (nats-server's `allow_responses`: one reply per request,
   * to the reply subject the request named), without any right to publish on inboxes.
   */
  readonly answersRequests: boolean;
}

/** A durable JetStream consumer of a service: its name and the subjects it consumes. */
export interface DurableConsumerGrant {
  /** `<service>-<purpose>`, as `DurableConsumerOptions.durableName`. */
  readonly durableName: string;
  /** Its filter subject, e.g. `elan.campaign.>`; its dead letters go to `dlq.<subject>`. */
  readonly consumes: string;
}

/**
 * The inbox subjects of a peer: its replies (requests, JetStream acknowledgements, pulled
 * messages) arrive under a prefix of its own, so no peer can read another's replies.
 */
export const inboxPrefixOf = (peer: string): string => `_INBOX.${peer}`;

/**
 * The JetStream API a service calls: `$JS.API.INFO` (the client's check when it opens the
 * manager), and the look-up and creation of the two streams (`ensureStreams`, idempotent, run
 * by every service at start-up). Nothing else: no deletion, no purge, no other stream. Named
 * subject by subject because nats-server 2.9 has no finer JetStream permissions, and accounts
 * (which would isolate streams) would cut the services off the one shared stream.
 */
const streamApi = (): string[] =>
  [ELAN_STREAM, DEAD_LETTER_STREAM].flatMap((stream) => [`$JS.API.STREAM.INFO.${stream}`, `$JS.API.STREAM.CREATE.${stream}`]);

/**
 * A durable pull consumer's API: create or update it (the 2.9 subjects with and without the
 * filter token, and the older durable form), read its info, pull its next batch, acknowledge
 * its messages, and file its dead letters.
 */
const consumerApi = ({ durableName, consumes }: DurableConsumerGrant): string[] => [
  `$JS.API.CONSUMER.CREATE.${ELAN_STREAM}.${durableName}`,
  `$JS.API.CONSUMER.CREATE.${ELAN_STREAM}.${durableName}.>`,
  `$JS.API.CONSUMER.DURABLE.CREATE.${ELAN_STREAM}.${durableName}`,
  `$JS.API.CONSUMER.INFO.${ELAN_STREAM}.${durableName}`,
  `$JS.API.CONSUMER.MSG.NEXT.${ELAN_STREAM}.${durableName}`,
  `$JS.ACK.${ELAN_STREAM}.${durableName}.>`,
  `${DEAD_LETTER_PREFIX}.${consumes}`,
];

/**
 * A service's user: it answers only its own requests (`rpc.<service>.>`, in its queue group,
 * so a replica cannot listen beside the group), publishes only its own integration events
 * (`elan.<service>.>`), reaches JetStream only for its streams and its own consumers, and sends
 * only the requests named in `asks` (exact subjects, never a wildcard).
 */
export const servicePeer = (
  service: string,
  consumers: readonly DurableConsumerGrant[] = [],
  asks: readonly string[] = [],
): PeerPermissions => ({
  publish: [`elan.${service}.>`, ...asks, '$JS.API.INFO', ...streamApi(), ...consumers.flatMap(consumerApi)],
  subscribe: [`rpc.${service}.> ${service}`, `${inboxPrefixOf(service)}.>`],
  answersRequests: true,
});

/**
 * The gateway's user: the only one that sends requests (`rpc.>`), and a publisher of its own
 * integration events (`elan.gateway.>`: the Stripe events it records, ADR 0021) through its
 * outbox relay, so it reaches the streams' API like a service. It consumes nothing and answers
 * one request: where an account's mail goes, for the notification service (ADR 0031).
 */
const gatewayPeer = (): PeerPermissions => ({
  publish: ['rpc.>', 'elan.gateway.>', '$JS.API.INFO', ...streamApi()],
  subscribe: [`${inboxPrefixOf('gateway')}.>`, 'rpc.gateway.GetAccountRecipient.v1 gateway'],
  answersRequests: true,
});

/**
 * Who may do what on NATS. Only the gateway may send requests (`rpc.>`): requests carry the end
 * user's actor, which the gateway alone sets, from a verified token (ADR 0011). Its health
 * check is a PING, which needs no subject.
 */
export const PEER_PERMISSIONS: Readonly<Record<NatsPeer, PeerPermissions>> = {
  gateway: gatewayPeer(),
  campaign: servicePeer('campaign', [
    { durableName: 'campaign-pledges', consumes: 'elan.pledge.>' },
    // Holders who started a payout account: a campaign is submitted for review only then (ADR 0026).
    { durableName: 'campaign-payouts', consumes: 'elan.payout.>' },
  ]),
  // The one service that asks another: the campaign's terms and a tier unit before a payment
  // (ADR 0007). Its requests carry no end user's actor, only ids, so they grant it nothing more.
  pledge: servicePeer(
    'pledge',
    [
      { durableName: 'pledge-campaigns', consumes: 'elan.campaign.>' },
      { durableName: 'pledge-stripe', consumes: 'elan.gateway.>' },
    ],
    ['rpc.campaign.GetPledgeTerms.v1', 'rpc.campaign.ReserveTierUnit.v1'],
  ),
  tipping: servicePeer('tipping', [{ durableName: 'tipping-pledges', consumes: 'elan.pledge.>' }]),
  // Connect account events (account.updated), which the gateway records and routes to payout (ADR 0026).
  // The campaigns' and pledges' money, which statements are drawn on (issue #11).
  // The reconciliation (ADR 0028) asks the pledge and tipping services for their accounts of the
  // money and the verification of their chains: ids and amounts only, no end user's actor.
  payout: servicePeer(
    'payout',
    [
      { durableName: 'payout-stripe', consumes: 'elan.gateway.>' },
      { durableName: 'payout-pledges', consumes: 'elan.pledge.>' },
      { durableName: 'payout-campaigns', consumes: 'elan.campaign.>' },
    ],
    [
      'rpc.pledge.GetPledgePaymentFacts.v1',
      'rpc.pledge.VerifyMoneyStreams.v1',
      'rpc.tipping.GetTipPaymentFacts.v1',
      'rpc.tipping.VerifyMoneyStreams.v1',
      'rpc.tipping.GetTipLedger.v1',
    ],
  ),
  // Mails from the pledges', campaigns' and payouts' events; it asks the owners of the two kinds
  // of recipients where each mail goes, by id, at send time (ADR 0031).
  notification: servicePeer(
    'notification',
    [
      { durableName: 'notification-pledges', consumes: 'elan.pledge.>' },
      { durableName: 'notification-campaigns', consumes: 'elan.campaign.>' },
      { durableName: 'notification-payouts', consumes: 'elan.payout.>' },
    ],
    ['rpc.pledge.GetPledgeRecipient.v1', 'rpc.gateway.GetAccountRecipient.v1'],
  ),
};
