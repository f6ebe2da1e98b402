import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ERASED, type Erased } from './erased';
import { SealedTextRejectedError } from './errors';
import type { ErasureRecord, SubjectKeyStore } from './key-store';
import {
  IV_BYTES,
  TAG_BYTES,
  assertField,
  assertSubjectId,
  formatSealedText,
  parseSealedText,
  type SealedText,
} from './sealed-text';

const ALGORITHM = 'aes-256-gcm';

/**
 * The associated data: a ciphertext authenticates only under the subject, field and key version
 * it was sealed for, so a value copied to another person or another field fails to open.
 */
const associatedData = (subjectId: string, field: string, keyVersion: number): Buffer =>
  Buffer.from(`elan/personal-data/pd1\u0000${subjectId}\u0000${field}\u0000${keyVersion}`, 'utf8');

export interface OpenExpectation {
  /** The field the reader expects the value to be (`contributor.name`). */
  readonly field: string;
  /** Whose value the reader expects (the event's contributor): a sealed value of anyone else is rejected. */
  readonly subjectId?: string;
}

/**
 * Crypto-shredding (ADR 0022): personal values are sealed under a key per person; erasing the
 * person deletes the key, and every copy of every value sealed for them — in events, read models,
 * backups — becomes unreadable at once, while the log stays as written.
 */
export class PersonalDataVault {
  constructor(private readonly keys: SubjectKeyStore) {}

  /** Encrypts `plaintext` for `subjectId`'s `field`. Refuses (`SubjectErasedError`) once the person is erased. */
  async seal(subjectId: string, field: string, plaintext: string): Promise<SealedText> {
    assertSubjectId(subjectId);
    assertField(field);
    const { key, version } = await this.keys.currentKey(subjectId);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(subjectId, field, version));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return formatSealedText({ subjectId, keyVersion: version, iv, tag: cipher.getAuthTag(), ciphertext });
  }

  /**
   * The plaintext, or `ERASED` when the person's key is gone. A value that does not authenticate
   * (altered, moved to another person or field) throws `SealedTextRejectedError`: fail closed,
   * and loudly, because that is tampering, not an erasure.
   */
  async open(sealed: string, expected: OpenExpectation): Promise<string | Erased> {
    const parts = parseSealedText(sealed);
    if (expected.subjectId !== undefined && expected.subjectId !== parts.subjectId)
      throw new SealedTextRejectedError('sealed personal data rejected: it belongs to another subject', {
        reason: 'other subject',
      });
    const subjectKey = await this.keys.keyOf(parts.subjectId, parts.keyVersion);
    if (!subjectKey) return ERASED;
    try {
      const decipher = createDecipheriv(ALGORITHM, subjectKey.key, parts.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(parts.subjectId, expected.field, parts.keyVersion));
      decipher.setAuthTag(parts.tag);
      return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedTextRejectedError('sealed personal data rejected: it does not authenticate', {
        reason: 'authentication failed',
      });
    }
  }

  /** Opens a value that may be absent (an optional message): `undefined` stays `undefined`. */
  async openOptional(sealed: string | undefined | null, expected: OpenExpectation): Promise<string | Erased | undefined> {
    return sealed === undefined || sealed === null ? undefined : this.open(sealed, expected);
  }

  /** Erases the person: deletes their key, records when (no personal data). Idempotent. */
  async erase(subjectId: string): Promise<ErasureRecord> {
    return this.keys.erase(assertSubjectId(subjectId));
  }
}
