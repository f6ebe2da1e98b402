import type { Decider } from '@elan/domain-kernel';
import { DEFAULT_PLEDGE_RULES, type PledgeRules } from './pledge-rules';
import type { PledgeCommand } from './pledge.commands';
import { decide } from './pledge.decide';
import type { PledgeEvent } from './pledge.events';
import { evolve, initialState, type PledgeState } from './pledge.state';

export type PledgeDecider = Decider<PledgeCommand, PledgeEvent, PledgeState>;

/**
 * The pledge aggregate with its rules bound in: the service builds it once from its
 * configuration, so no command chooses its own. Only `decide` depends on the rules; replaying
 * history never re-checks them.
 */
export const createPledgeDecider = (rules: PledgeRules = DEFAULT_PLEDGE_RULES): PledgeDecider => ({
  decide: (command, state) => decide(command, state, rules),
  evolve,
  initialState,
});

/** The pledge aggregate with the production rules. */
export const pledgeDecider: PledgeDecider = createPledgeDecider();
