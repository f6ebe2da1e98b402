import { Injectable } from '@nestjs/common';
import { eraseGuestPersonalData } from '@elan/contracts';
import { RequestClient } from '@elan/messaging';
import { GatewayDatabase } from '../storage/gateway-database';

/**
 * A guest's erasure of one pledge (ADR 0022): the pledge service deletes the pledge's key
 * first, then the gateway forgets the answer it kept for the pledge's `Idempotency-Key` — kept
 * in the anonymous scope, it quotes the guest's name, e-mail, message and token in clear. The
 * link's token keeps working (the pledge stays, amounts and status visible), so a crash between
 * the two steps is mended by asking again.
 */
@Injectable()
export class GuestErasureService {
  constructor(
    private readonly requests: RequestClient,
    private readonly db: GatewayDatabase,
  ) {}

  async erase(pledgeId: string, guestTokenHash: string): Promise<void> {
    await this.requests.request(eraseGuestPersonalData, { pledgeId, guestTokenHash });
    await this.db.query(
      `DELETE FROM ${this.db.schema}.idempotency_records
        WHERE scope = 'anonymous' AND response_body IS NOT NULL AND response_body::jsonb #>> '{pledge,pledgeId}' = $1`,
      [pledgeId],
    );
  }
}
