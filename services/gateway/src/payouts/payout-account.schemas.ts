import { getPayoutAccount, startPayoutAccount } from '@elan/contracts';
import type { z } from 'zod';
import { responseSchema } from '../openapi/api-schemas';

/** What `POST /api/me/payout-account` answers: the contract's reply without `opened`, which the status code says. */
export const StartedPayoutAccountSchema = responseSchema('StartedPayoutAccount', startPayoutAccount.reply.omit({ opened: true }));
export type StartedPayoutAccount = z.infer<typeof StartedPayoutAccountSchema>;

/** What `GET /api/me/payout-account` answers: the contract's reply as it is. */
export const PayoutAccountSchema = responseSchema('PayoutAccount', getPayoutAccount.reply);
export type PayoutAccount = z.infer<typeof PayoutAccountSchema>;
