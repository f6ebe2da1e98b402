import type { z } from 'zod';
import { contractShapes } from '../contract-fields';
import type { RequestContract } from '../request';
import { tipLedgerAndRefundSamples } from './tip-ledger-and-refund.samples';
import { getTipLedger } from './tip-ledger.requests';
import { refundTip } from './tip-refund.requests';

const rejectedFields = (schema: z.ZodType, payload: unknown): string[] =>
  schema.safeParse(payload).error?.issues.map((issue) => issue.path.join('.')) ?? [];

/** The checks the catalog test makes of every contract, for the tipping service's ledger and refund. */
describe.each([getTipLedger, refundTip].map((c) => [c.subject, c] as const))('%s', (subject, contract: RequestContract) => {
  const sample = tipLedgerAndRefundSamples[subject];

  it('is named rpc.tipping.<Name>.v1 and asked by the gateway (the ledger by the reconciliation too)', () => {
    expect(subject).toBe(`rpc.tipping.${contract.name}.v1`);
    expect(contract.callers).toEqual(contract === getTipLedger ? ['gateway', 'payout'] : ['gateway']);
  });

  it('takes its valid samples and rejects its invalid ones on exactly the field named', () => {
    expect(contract.request.safeParse(sample?.request.valid).error).toBeUndefined();
    expect(rejectedFields(contract.request, sample?.request.invalid.payload)).toEqual([sample?.request.invalid.field]);
    for (const reply of sample?.reply.valid ?? []) expect(contract.reply.safeParse(reply).error).toBeUndefined();
    expect(rejectedFields(contract.reply, sample?.reply.invalid.payload)).toEqual([sample?.reply.invalid.field]);
  });

  it('documents every field', () => {
    const undocumented = [contract.request, contract.reply].flatMap((schema) =>
      contractShapes(schema).flatMap((shape) => shape.fields.filter((f) => f.description.trim() === '').map((f) => f.path)),
    );
    expect(undocumented).toEqual([]);
  });
});
