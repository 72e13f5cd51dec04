import type { ParsedRating } from './parse-rating.js';
import { lastInvestmentGradeNotch } from './rating-scales.js';

/**
 * How several agencies' ratings of one entity combine into one:
 * - SECOND_BEST (Basel II §96–98): one rating → it; two → the worse; three or more → the worse of the two best.
 * - WORST_OF: the most conservative rating.
 * - BEST_OF: the most favourable rating.
 * - AVERAGE: the mean notch, rounded towards the worse notch when it falls between two.
 */
const compositeRules = ['SECOND_BEST', 'WORST_OF', 'BEST_OF', 'AVERAGE'] as const;
export type CompositeRule = (typeof compositeRules)[number];

export interface CompositeRating {
  readonly rule: CompositeRule;
  /** Cross-agency notch, 1 (AAA) … 22 (default). */
  readonly notch: number;
  readonly investmentGrade: boolean;
  /** The agency ratings the composite was built from, best first. */
  readonly inputs: readonly ParsedRating[];
}

/** Combines agency ratings by a rule; undefined when there is no rating to combine. */
export function compositeRating(
  ratings: readonly ParsedRating[],
  rule: CompositeRule = 'SECOND_BEST',
): CompositeRating | undefined {
  if (ratings.length === 0) return undefined;
  const bestFirst = [...ratings].sort((a, b) => a.notch - b.notch);
  const notches = bestFirst.map((rating) => rating.notch);
  const notch = compositeNotch(notches, rule);
  return { rule, notch, investmentGrade: notch <= lastInvestmentGradeNotch, inputs: bestFirst };
}

function compositeNotch(bestFirst: readonly number[], rule: CompositeRule): number {
  const best = bestFirst[0] as number;
  const worst = bestFirst[bestFirst.length - 1] as number;
  switch (rule) {
    case 'BEST_OF':
      return best;
    case 'WORST_OF':
      return worst;
    case 'AVERAGE':
      return Math.ceil(bestFirst.reduce((sum, notch) => sum + notch, 0) / bestFirst.length);
    case 'SECOND_BEST':
      return bestFirst.length <= 2 ? worst : (bestFirst[1] as number);
  }
}
