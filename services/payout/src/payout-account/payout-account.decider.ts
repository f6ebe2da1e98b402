import type { Decider } from '@elan/domain-kernel';
import type { PayoutAccountCommand } from './payout-account.commands';
import { decide } from './payout-account.decide';
import type { PayoutAccountEvent } from './payout-account.events';
import { evolve, initialState, type PayoutAccountState } from './payout-account.state';

export type PayoutAccountDecider = Decider<PayoutAccountCommand, PayoutAccountEvent, PayoutAccountState>;

/** The payout account aggregate: one per holder, on `payoutaccount-<holderId>`. */
export const payoutAccountDecider: PayoutAccountDecider = { decide, evolve, initialState };
