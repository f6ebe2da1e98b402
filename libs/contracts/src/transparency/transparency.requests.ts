import { z } from 'zod';
import { defineRequest } from '../request';

/**
 * The money services' logs of signed checkpoints (ADR 0025): each service signs the heads of its
 * own money streams, in its own schema, with the platform's one key. The gateway routes a stream
 * to its service by these prefixes.
 */
export const MONEY_LOGS = {
  pledge: { log: 'elan/pledge', prefixes: ['pledge-'] },
  tipping: { log: 'elan/tipping', prefixes: ['tip-'] },
  // A campaign's payout ledger and its statements; `payoutaccount-` streams hold no money and match neither.
  payout: { log: 'elan/payout', prefixes: ['payoutledger-', 'payout-'] },
} as const satisfies Record<string, { readonly log: string; readonly prefixes: readonly string[] }>;

export type MoneyService = keyof typeof MONEY_LOGS;
export const MONEY_SERVICES = Object.keys(MONEY_LOGS) as MoneyService[];

/** The money service whose streams start with this id's prefix, if any. */
export const moneyServiceOf = (streamId: string): MoneyService | undefined =>
  MONEY_SERVICES.find((service) => MONEY_LOGS[service].prefixes.some((prefix) => streamId.startsWith(prefix)));

/** The most checkpoints one request answers. */
export const MAX_CHECKPOINTS_PER_REQUEST = 100;
/** The most links one request answers. */
export const MAX_LINKS_PER_REQUEST = 1_000;

const hash = () =>
  z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lowercase hex digits')
    .describe('The link’s SHA-256 as the event store chains it, 64 lowercase hex digits.');

const streamHeadSchema = z.object({
  streamId: z.string().min(1).max(1_000).describe('The money stream, e.g. `pledge-<pledgeId>`.'),
  position: z.number().int().min(1).describe('The position of its last event (1 is the first).'),
  hash: hash(),
});

/**
 * A signed checkpoint as it travels; its signature covers the canonical bytes of `checkpoint`
 * (`@elan/transparency` checks it strictly: sorted heads, the signature's form).
 */
export const signedCheckpointWireSchema = z.object({
  checkpoint: z
    .object({
      log: z.string().min(1).max(100).describe('The log, one per money service: `elan/pledge`, `elan/tipping`, `elan/payout`.'),
      sequence: z.number().int().min(1).describe('Counts the log’s checkpoints from 1.'),
      issuedAt: z.iso.datetime({ precision: 3 }).describe('When it was signed, ISO 8601 UTC to the millisecond.'),
      heads: z.array(streamHeadSchema).describe('The head of each money stream of the log, sorted by stream id.'),
    })
    .describe('What is signed: the heads of the log’s money streams at one moment.'),
  keyId: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .describe('The signing key: the first 16 hex digits of the SHA-256 of its SPKI DER.'),
  signature: z
    .string()
    .regex(/^[A-Za-z0-9_-]{86}$/)
    .describe('Ed25519 over the canonical JSON of `checkpoint` (sorted keys, no whitespace), base64url.'),
});

export const checkpointKeySchema = z.object({
  keyId: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .describe('The first 16 hex digits of the SHA-256 of the SPKI DER.'),
  algorithm: z.literal('Ed25519').describe('Always Ed25519.'),
  publicKeyPem: z.string().min(1).describe('The public key, SPKI PEM.'),
});

const checkpointsRequest = (service: MoneyService) =>
  defineRequest({
    service,
    name: 'GetCheckpoints',
    version: 1,
    description:
      `The ${service} service’s signed checkpoints of its money streams’ heads (log \`${MONEY_LOGS[service].log}\`): ` +
      'those after the sequence `after`, oldest first, at most `limit`; its latest one, and the public key they are ' +
      'signed with. Public data: stream ids, positions and hashes only.',
    callers: ['gateway'],
    request: z.object({
      after: z.number().int().min(0).optional().describe('Only checkpoints of a higher sequence; from the first when absent.'),
      limit: z
        .number()
        .int()
        .min(0)
        .max(MAX_CHECKPOINTS_PER_REQUEST)
        .describe(`At most this many checkpoints (0 to ${MAX_CHECKPOINTS_PER_REQUEST}); 0 asks for the latest and the key only.`),
    }),
    reply: z.object({
      log: z.string().describe('The log’s name.'),
      key: checkpointKeySchema.describe('The key the service signs with now.'),
      latest: signedCheckpointWireSchema.nullable().describe('The latest checkpoint; null before the first.'),
      checkpoints: z.array(signedCheckpointWireSchema).describe('The checkpoints asked for, oldest first.'),
    }),
  });

const linksRequest = (service: MoneyService) => {
  const prefixes = MONEY_LOGS[service].prefixes;
  return defineRequest({
    service,
    name: 'GetStreamLinks',
    version: 1,
    description:
      `The hash-chain links of one of the ${service} service’s money streams (${prefixes.map((p) => `\`${p}…\``).join(', ')}) ` +
      'from a position, in order: position, hash, event type and time, never the event’s data. Any other stream is a ' +
      'validation error naming `streamId`; a stream without events has no links.',
    callers: ['gateway'],
    request: z.object({
      streamId: z
        .string()
        .max(1_000)
        .refine((id) => prefixes.some((prefix) => id.startsWith(prefix) && id.length > prefix.length), {
          message: `must be a stream starting with ${prefixes.join(' or ')}`,
        })
        .describe(`A money stream of the service: its id starts with ${prefixes.join(' or ')}.`),
      from: z.number().int().min(1).describe('The first position to answer (1 is the first event).'),
      limit: z
        .number()
        .int()
        .min(1)
        .max(MAX_LINKS_PER_REQUEST)
        .describe(`At most this many links (1 to ${MAX_LINKS_PER_REQUEST}).`),
    }),
    reply: z.object({
      streamId: z.string().describe('The stream asked for.'),
      links: z
        .array(
          z.object({
            position: z.number().int().min(1).describe('The event’s position in its stream.'),
            hash: hash(),
            type: z.string().describe('The event’s type, e.g. `PledgeCommitted`.'),
            occurredAt: z.iso.datetime({ precision: 3 }).describe('When it happened, ISO 8601 UTC.'),
          }),
        )
        .describe('From `from` on, in order.'),
    }),
  });
};

export const getPledgeCheckpoints = checkpointsRequest('pledge');
export const getTipCheckpoints = checkpointsRequest('tipping');
export const getPledgeStreamLinks = linksRequest('pledge');
export const getTipStreamLinks = linksRequest('tipping');
export const getPayoutCheckpoints = checkpointsRequest('payout');
export const getPayoutStreamLinks = linksRequest('payout');

/** Each money service's two transparency requests, by service. */
export const TRANSPARENCY_REQUESTS = {
  pledge: { checkpoints: getPledgeCheckpoints, links: getPledgeStreamLinks },
  tipping: { checkpoints: getTipCheckpoints, links: getTipStreamLinks },
  payout: { checkpoints: getPayoutCheckpoints, links: getPayoutStreamLinks },
} as const satisfies Record<MoneyService, object>;
