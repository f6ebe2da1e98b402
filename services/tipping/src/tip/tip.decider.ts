import type { Decider } from '@elan/domain-kernel';
import { checkTipRules, DEFAULT_TIP_RULES, type TipRules } from './tip-rules';
import type { TipCommand } from './tip.commands';
import { decide } from './tip.decide';
import type { TipEvent } from './tip.events';
import { evolve, initialState, type TipState } from './tip.state';

export type TipDecider = Decider<TipCommand, TipEvent, TipState>;

/** The tip aggregate with its limits bound in: the service builds it once from its configuration. */
export const createTipDecider = (rules: TipRules = DEFAULT_TIP_RULES): TipDecider => {
  const checked = checkTipRules(rules);
  return { decide: (command, state) => decide(command, state, checked), evolve, initialState };
};

/** The tip aggregate with the production limits. */
export const tipDecider: TipDecider = createTipDecider();
