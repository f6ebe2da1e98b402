import { compare, type Money } from '@elan/domain-kernel';
import type { CampaignRules } from './campaign-rules';
import { amount, category, fundingModel, httpsUrl, instant, invalid, text, timeOf, uuid } from './campaign-fields';
import type { CampaignChanges, CampaignLocation, Instant, StretchGoal } from './campaign.values';
import { isDepartement } from './departements';
import { plainLanguageSummary } from './plain-language-summary';

/** Checks of a campaign's content: single fields, then the rules that tie several together. */

export const TITLE = { max: 120, required: true } as const;
export const SUMMARY = { max: 300, required: false } as const;
export const STORY = { max: 20_000, required: false } as const;
const STRETCH_GOAL_DESCRIPTION = { max: 500, required: true } as const;
const COMMUNE = { max: 100, required: true } as const;

export const location = (value: unknown): CampaignLocation => {
  const candidate = (typeof value === 'object' && value !== null ? value : {}) as Partial<CampaignLocation>;
  if (!isDepartement(candidate.departement))
    throw invalid('location.departement', 'must be the INSEE code of a département (01–95 but 20, 2A, 2B, 971–974, 976)', {
      departement: candidate.departement,
    });
  if (candidate.commune === undefined) return { departement: candidate.departement };
  return { departement: candidate.departement, commune: text('location.commune', candidate.commune, COMMUNE) };
};

/** Each stretch goal checked alone; `stretchGoalsAbove` then checks their order against the goal. */
export const stretchGoals = (value: unknown, rules: CampaignRules): StretchGoal[] => {
  if (!Array.isArray(value)) throw invalid('stretchGoals', 'must be a list');
  const seen = new Set<string>();
  return value.map((item: Partial<StretchGoal>, index) => {
    const field = `stretchGoals.${index}`;
    const stretchGoalId = uuid(`${field}.stretchGoalId`, item.stretchGoalId);
    if (seen.has(stretchGoalId)) throw invalid(`${field}.stretchGoalId`, 'is used twice');
    seen.add(stretchGoalId);
    return {
      stretchGoalId,
      amount: amount(`${field}.amount`, item.amount, rules, 'positive'),
      description: text(`${field}.description`, item.description, STRETCH_GOAL_DESCRIPTION),
    };
  });
};

/** Stretch goals come after the goal and after one another, strictly. */
export const stretchGoalsAbove = (goal: Money | undefined, goals: readonly StretchGoal[]): void => {
  goals.reduce<Money | undefined>((floor, stretchGoal, index) => {
    if (floor !== undefined && compare(stretchGoal.amount, floor) <= 0)
      throw invalid(
        `stretchGoals.${index}.amount`,
        index === 0 ? 'must be more than the goal' : 'must be more than the stretch goal before it',
      );
    return stretchGoal.amount;
  }, goal);
};

export const startsInFuture = (startsAt: Instant, now: Date): void => {
  if (timeOf(startsAt) <= now.getTime()) throw invalid('startsAt', 'must be in the future');
};

/** `deadline − startsAt` within the rules' bounds, both inclusive. */
export const durationWithinRules = (startsAt: Instant, deadline: Instant, rules: CampaignRules): void => {
  const durationMs = timeOf(deadline) - timeOf(startsAt);
  const { minDurationMs, maxDurationMs } = rules;
  if (durationMs < minDurationMs || durationMs > maxDurationMs)
    throw invalid('deadline', `must be between ${minDurationMs} and ${maxDurationMs} ms after startsAt`, {
      durationMs,
      minDurationMs,
      maxDurationMs,
    });
};

/** The plan as a whole, for whatever parts of it are known: a draft may not have them all yet. */
export interface PartialPlan {
  readonly goal?: Money;
  readonly startsAt?: Instant;
  readonly deadline?: Instant;
  readonly stretchGoals: readonly StretchGoal[];
}

export const consistentPlan = (plan: PartialPlan, rules: CampaignRules): void => {
  if (plan.startsAt !== undefined && plan.deadline !== undefined) durationWithinRules(plan.startsAt, plan.deadline, rules);
  stretchGoalsAbove(plan.goal, plan.stretchGoals);
};

/**
 * Each field given checked and normalized; absent ones stay absent. Only `imageUrl` and
 * `plainLanguageSummary` may be `null` (removed); a blank plain-language summary is `null` too.
 */
export const campaignChanges = (changes: CampaignChanges, rules: CampaignRules): CampaignChanges => {
  if (typeof changes !== 'object' || changes === null) throw invalid('changes', 'must be an object');
  const given = (key: keyof CampaignChanges, check: (value: unknown) => unknown) =>
    changes[key] === undefined ? {} : { [key]: check(changes[key]) };
  return {
    ...given('title', (value) => text('title', value, TITLE)),
    ...given('summary', (value) => text('summary', value, SUMMARY)),
    ...given('plainLanguageSummary', plainLanguageSummary),
    ...given('story', (value) => text('story', value, STORY)),
    ...given('category', category),
    ...given('imageUrl', (value) => (value === null ? null : httpsUrl('imageUrl', value))),
    ...given('goal', (value) => amount('goal', value, rules, 'positive')),
    ...given('fundingModel', fundingModel),
    ...given('startsAt', (value) => instant('startsAt', value)),
    ...given('deadline', (value) => instant('deadline', value)),
    ...given('location', location),
    ...given('stretchGoals', (value) => stretchGoals(value, rules)),
  } as CampaignChanges;
};
