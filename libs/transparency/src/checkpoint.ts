import { sign, verify, type KeyObject } from 'node:crypto';
import { ValidationError } from '@elan/domain-kernel';
import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { keyIdOf, loadPublicKey, type CheckpointSigner } from './keys';

/** The last link of one stream: its position and hash (lowercase hex of the store's `hash`). */
export interface StreamHead {
  readonly streamId: string;
  readonly position: number;
  readonly hash: string;
}

/**
 * What the log looked like at one moment: the heads of its money streams, sorted by stream id
 * (JavaScript's string order). `log` names the log (e.g. `elan/pledge`), `sequence` counts the
 * checkpoints of that log from 1, `issuedAt` is an ISO 8601 UTC time.
 */
export interface Checkpoint {
  readonly log: string;
  readonly sequence: number;
  readonly issuedAt: string;
  readonly heads: readonly StreamHead[];
}

/** A checkpoint with the Ed25519 signature of its canonical bytes (base64url) and the key's id. */
export interface SignedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly keyId: string;
  readonly signature: string;
}

/** A checkpoint or signed checkpoint that breaks the format; the message lists every problem. */
export class InvalidCheckpointError extends ValidationError {}

/** Stream ids in a checkpoint's order: UTF-16 code units, as JavaScript compares strings. */
export const compareStreamIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const HASH = /^[0-9a-f]{64}$/;
const KEY_ID = /^[0-9a-f]{16}$/;
/** An Ed25519 signature is 64 bytes: 86 base64url characters, unpadded. */
const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;

export const streamHeadSchema = z.strictObject({
  streamId: z.string().min(1).max(1000),
  position: z.int().min(1),
  hash: z.string().regex(HASH, 'a SHA-256 as 64 lowercase hex digits'),
});

export const checkpointSchema = z
  .strictObject({
    log: z.string().min(1).max(100),
    sequence: z.int().min(1),
    issuedAt: z.iso.datetime({ precision: 3 }),
    heads: z.array(streamHeadSchema),
  })
  .superRefine((checkpoint, context) => {
    checkpoint.heads.forEach((head, index) => {
      const previous = checkpoint.heads[index - 1];
      if (previous && compareStreamIds(previous.streamId, head.streamId) >= 0)
        context.addIssue({
          code: 'custom',
          path: ['heads', index, 'streamId'],
          message: `heads must be sorted by streamId, each stream once: "${head.streamId}" comes after "${previous.streamId}"`,
        });
    });
  });

export const signedCheckpointSchema = z.strictObject({
  checkpoint: checkpointSchema,
  keyId: z.string().regex(KEY_ID, 'the first 16 lowercase hex digits of the SHA-256 of the key'),
  signature: z.string().regex(SIGNATURE, 'an Ed25519 signature in base64url, unpadded'),
});

const parseWith = <T>(schema: z.ZodType<T>, input: unknown, what: string): T => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidCheckpointError(`invalid ${what}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

/** Validates a checkpoint from an untrusted source (a file, an HTTP answer). */
export const parseCheckpoint = (input: unknown): Checkpoint => parseWith(checkpointSchema, input, 'checkpoint');

/** Validates a signed checkpoint from an untrusted source; the signature is not checked here. */
export const parseSignedCheckpoint = (input: unknown): SignedCheckpoint =>
  parseWith(signedCheckpointSchema, input, 'signed checkpoint');

/** `parseSignedCheckpoint` of JSON text, e.g. a file a verifier kept. */
export const parseSignedCheckpointJson = (text: string): SignedCheckpoint => {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new InvalidCheckpointError(`invalid signed checkpoint: not JSON (${(error as Error).message})`);
  }
  return parseSignedCheckpoint(input);
};

/** A checkpoint of the given heads, sorted as the format wants, validated. */
export const makeCheckpoint = (input: {
  readonly log: string;
  readonly sequence: number;
  readonly issuedAt: Date | string;
  readonly heads: readonly StreamHead[];
}): Checkpoint =>
  parseCheckpoint({
    log: input.log,
    sequence: input.sequence,
    issuedAt: typeof input.issuedAt === 'string' ? input.issuedAt : input.issuedAt.toISOString(),
    heads: [...input.heads]
      .map(({ streamId, position, hash }) => ({ streamId, position, hash }))
      .sort((a, b) => compareStreamIds(a.streamId, b.streamId)),
  });

/**
 * The bytes that are signed: the UTF-8 of the checkpoint's canonical JSON (keys sorted, no
 * whitespace), made of its four fields and its heads' three only, whatever else the objects hold.
 */
export const canonicalCheckpointBytes = (checkpoint: Checkpoint): Buffer =>
  Buffer.from(
    canonicalJson({
      log: checkpoint.log,
      sequence: checkpoint.sequence,
      issuedAt: checkpoint.issuedAt,
      heads: checkpoint.heads.map(({ streamId, position, hash }) => ({ streamId, position, hash })),
    }),
    'utf8',
  );

/** Signs a checkpoint (validated first: an unsorted or malformed one is refused, never signed). */
export const signCheckpoint = (checkpoint: Checkpoint, signer: CheckpointSigner): SignedCheckpoint => {
  const valid = parseCheckpoint(checkpoint);
  const signature = sign(null, canonicalCheckpointBytes(valid), signer.privateKey).toString('base64url');
  return { checkpoint: valid, keyId: signer.keyId, signature };
};

/** Why a signed checkpoint does not verify. */
export type SignatureProblem = 'malformed' | 'unknown_key' | 'bad_signature';

export type SignatureCheck =
  | { readonly valid: true; readonly keyId: string }
  | { readonly valid: false; readonly problem: SignatureProblem };

/**
 * Checks a signed checkpoint against the published key, or against several (during a rotation):
 * the key is the one whose id the checkpoint names; its signature must hold over the canonical
 * bytes. Malformed input answers `malformed` rather than throwing.
 */
export const checkCheckpointSignature = (
  signed: unknown,
  publicKeys: KeyObject | string | readonly (KeyObject | string)[],
): SignatureCheck => {
  const parsed = signedCheckpointSchema.safeParse(signed);
  if (!parsed.success) return { valid: false, problem: 'malformed' };
  const { checkpoint, keyId, signature } = parsed.data;
  const keys = (Array.isArray(publicKeys) ? publicKeys : [publicKeys]) as readonly (KeyObject | string)[];
  const key = keys.map((candidate) => loadPublicKey(candidate)).find((candidate) => keyIdOf(candidate) === keyId);
  if (!key) return { valid: false, problem: 'unknown_key' };
  const bytes = Buffer.from(signature, 'base64url');
  // One spelling per signature: trailing bits that base64url decoding ignores must be zero.
  if (bytes.toString('base64url') !== signature) return { valid: false, problem: 'malformed' };
  const holds = verify(null, canonicalCheckpointBytes(checkpoint), key, bytes);
  return holds ? { valid: true, keyId } : { valid: false, problem: 'bad_signature' };
};

/** True when the signed checkpoint verifies under the key (or one of the keys) it names. */
export const verifyCheckpoint = (
  signed: unknown,
  publicKeys: KeyObject | string | readonly (KeyObject | string)[],
): signed is SignedCheckpoint => checkCheckpointSignature(signed, publicKeys).valid;
