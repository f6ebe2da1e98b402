import type { PostgresEventStore } from '@elan/event-store';
import type { PersonalDataVault } from '@elan/personal-data';
import { PledgeErasure, type ErasureOutcome } from '../application/erasure';
import type { CheckoutIntents } from '../application/payment-intents';
import type { PledgeApplication } from '../application/pledge-application';
import { exportPersonalData, type PersonalDataExport } from './personal-data-export';

/** A person's rights over the pledge service's data: the export and the erasure (ADR 0022). */
export class PersonalData {
  private readonly erasure: PledgeErasure;

  constructor(
    private readonly store: PostgresEventStore,
    pledges: PledgeApplication,
    private readonly vault: PersonalDataVault,
    intents: CheckoutIntents | undefined,
  ) {
    this.erasure = new PledgeErasure(store, pledges, vault, intents);
  }

  exportOf(accountId: string): Promise<PersonalDataExport> {
    return exportPersonalData(this.store, this.vault, accountId);
  }

  erase(accountId: string): Promise<ErasureOutcome> {
    return this.erasure.erase(accountId);
  }

  eraseGuest(pledgeId: string, guestTokenHash: string): Promise<ErasureOutcome> {
    return this.erasure.eraseGuest(pledgeId, guestTokenHash);
  }
}
