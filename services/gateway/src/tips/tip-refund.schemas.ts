import { refundTip } from '@elan/contracts';
import { z } from 'zod';
import { responseSchema } from '../openapi/api-schemas';

/** The guest's private-link token, as the pledge service hands it out: URL-safe, 16 to 256 characters. */
export const GuestTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be the token of the pledge’s private link');

/** What the route answers: the contract's reply as it is. */
export const TipRefundSchema = responseSchema('TipRefund', refundTip.reply);
export type TipRefund = z.infer<typeof TipRefundSchema>;
