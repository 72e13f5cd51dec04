import { lastInvestmentGradeNotch, ratingScales } from './rating-scales.js';
import type { RatingAgency } from '../schemas/enums.js';

/** A notation placed on its agency's scale and on the cross-agency notch scale. */
export interface ParsedRating {
  readonly agency: RatingAgency;
  /** The agency's canonical spelling, e.g. 'BBB-', 'Baa3', 'BBB (low)'. */
  readonly notation: string;
  /** 1 (AAA) … 22 (default); see rating-scales.ts. */
  readonly notch: number;
  readonly investmentGrade: boolean;
}

/**
 * Places a notation on its agency's scale, or returns undefined when the agency has no such rating.
 * Accepts the Unicode minus (−) for '-' and DBRS modifiers with or without the space ('BBB(low)').
 */
export function parseRating(agency: RatingAgency, notation: string): ParsedRating | undefined {
  const canonical = canonicalNotation(agency, notation);
  const notch = ratingScales[agency].get(canonical);
  if (notch === undefined) return undefined;
  return { agency, notation: canonical, notch, investmentGrade: notch <= lastInvestmentGradeNotch };
}

function canonicalNotation(agency: RatingAgency, notation: string): string {
  const trimmed = notation.trim().replace(/\u2212/g, '-');
  if (agency !== 'DBRS') return trimmed;
  return trimmed.replace(/\s*\((high|low)\)$/i, (_match, modifier: string) => ` (${modifier.toLowerCase()})`);
}
