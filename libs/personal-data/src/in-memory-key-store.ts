import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '@elan/domain-kernel';
import { SubjectErasedError } from './errors';
import type { ErasureRecord, SubjectKey, SubjectKeyStore } from './key-store';

/** Keys in a map, for unit tests of code that seals and opens; same rules as the PostgreSQL store. */
export class InMemoryKeyStore implements SubjectKeyStore {
  private readonly keys = new Map<string, SubjectKey[]>();
  private readonly erasures = new Map<string, ErasureRecord>();

  constructor(private readonly clock: Clock = systemClock) {}

  async currentKey(subjectId: string): Promise<SubjectKey> {
    if (this.erasures.has(subjectId)) throw new SubjectErasedError('this data subject was erased', { subjectId });
    const versions = this.keys.get(subjectId) ?? [];
    const latest = versions[versions.length - 1];
    if (latest) return latest;
    const created = { subjectId, version: 1, key: randomBytes(32) };
    this.keys.set(subjectId, [created]);
    return created;
  }

  async keyOf(subjectId: string, version: number): Promise<SubjectKey | undefined> {
    return this.keys.get(subjectId)?.find((key) => key.version === version);
  }

  async rotate(subjectId: string): Promise<SubjectKey> {
    const current = await this.currentKey(subjectId);
    const next = { subjectId, version: current.version + 1, key: randomBytes(32) };
    this.keys.get(subjectId)?.push(next);
    return next;
  }

  async erase(subjectId: string): Promise<ErasureRecord> {
    this.keys.delete(subjectId);
    const record = this.erasures.get(subjectId) ?? { subjectId, erasedAt: this.clock.now() };
    this.erasures.set(subjectId, record);
    return record;
  }
}
