import { refundTip } from '@elan/contracts';
import { z } from 'zod';
import { responseSchema } from '../openapi/api-schemas';
import { GUEST_TOKEN } from '../pledges/pledge-viewer';

/** The guest's private-link token, as the pledge routes hand it out and check it (`GUEST_TOKEN`). */
export const GuestTokenSchema = z.string().regex(GUEST_TOKEN, 'must be the token of the pledge’s private link');

/** What the route answers: the contract's reply as it is. */
export const TipRefundSchema = responseSchema('TipRefund', refundTip.reply);
export type TipRefund = z.infer<typeof TipRefundSchema>;
