import type { RatingAgency } from '../schemas/enums.js';
import { ratingScales } from './rating-scales.js';

/** The agency's notation for a cross-agency notch (its first, i.e. highest, notation on that notch). */
export function notchToNotation(agency: RatingAgency, notch: number): string | undefined {
  for (const [notation, value] of ratingScales[agency]) if (value === notch) return notation;
  return undefined;
}
