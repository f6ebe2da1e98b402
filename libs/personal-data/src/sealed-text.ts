import { ValidationError } from '@elan/domain-kernel';
import { SealedTextRejectedError } from './errors';

/** A personal value as stored in an event: `pd1:<subject>:<key version>:<iv>:<tag>:<ciphertext>`. */
export type SealedText = string & { readonly __sealed: 'SealedText' };

export const SEALED_TEXT_PREFIX = 'pd1';

/** Account ids, guest ids: what names a data subject. No `:`, so the sealed form needs no escaping. */
const SUBJECT_ID = /^[A-Za-z0-9_.-]{1,128}$/;
/** The field a value belongs to, e.g. `contributor.email`: bound into the ciphertext. */
const FIELD = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export const assertSubjectId = (subjectId: string): string => {
  if (!SUBJECT_ID.test(subjectId)) throw new ValidationError(`a data subject id must match ${SUBJECT_ID.source}`, { subjectId });
  return subjectId;
};

export const assertField = (field: string): string => {
  if (!FIELD.test(field)) throw new ValidationError(`a personal field name must match ${FIELD.source}`, { field });
  return field;
};

export interface SealedParts {
  readonly subjectId: string;
  readonly keyVersion: number;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly ciphertext: Buffer;
}

export const IV_BYTES = 12;
export const TAG_BYTES = 16;

export const formatSealedText = (parts: SealedParts): SealedText =>
  [
    SEALED_TEXT_PREFIX,
    parts.subjectId,
    String(parts.keyVersion),
    parts.iv.toString('base64url'),
    parts.tag.toString('base64url'),
    parts.ciphertext.toString('base64url'),
  ].join(':') as SealedText;

const rejected = (reason: string): SealedTextRejectedError =>
  new SealedTextRejectedError(`sealed personal data rejected: ${reason}`, { reason });

/** Reads the parts of a sealed value, or throws `SealedTextRejectedError` (never leaks the value). */
export const parseSealedText = (sealed: string): SealedParts => {
  const parts = sealed.split(':');
  if (parts.length !== 6 || parts[0] !== SEALED_TEXT_PREFIX) throw rejected('not a pd1 sealed value');
  const [, subjectId = '', version = '', iv = '', tag = '', ciphertext = ''] = parts;
  if (!SUBJECT_ID.test(subjectId)) throw rejected('bad subject id');
  if (!/^[1-9][0-9]{0,8}$/.test(version)) throw rejected('bad key version');
  if (![iv, tag, ciphertext].every((part) => BASE64URL.test(part))) throw rejected('bad encoding');
  const parsed = {
    subjectId,
    keyVersion: Number(version),
    iv: Buffer.from(iv, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
  };
  if (parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) throw rejected('bad iv or tag length');
  return parsed;
};

export const isSealedText = (value: unknown): value is SealedText =>
  typeof value === 'string' && value.startsWith(`${SEALED_TEXT_PREFIX}:`);
