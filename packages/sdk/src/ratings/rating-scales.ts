import type { RatingAgency } from '../schemas/enums.js';

/**
 * The cross-agency notch scale: 1 is the best credit (AAA / Aaa), 10 the last investment-grade notch
 * (BBB− / Baa3 / BBB (low)), 22 default. Each agency's notation maps onto it as the agencies' own published
 * equivalence tables do; where an agency has no distinct notch (Moody's has no D, its C is the lowest rating;
 * DBRS splits CC and C into high/low), neighbouring notations share a notch.
 */
export const lastInvestmentGradeNotch = 10;

const letterScaleWithModifiers = [
  'AAA',
  'AA+',
  'AA',
  'AA-',
  'A+',
  'A',
  'A-',
  'BBB+',
  'BBB',
  'BBB-',
  'BB+',
  'BB',
  'BB-',
  'B+',
  'B',
  'B-',
  'CCC+',
  'CCC',
  'CCC-',
  'CC',
  'C',
] as const;

function notchTable(entries: ReadonlyArray<readonly [string, number]>): ReadonlyMap<string, number> {
  return new Map(entries);
}

const spScale = notchTable([...letterScaleWithModifiers.map((n, i) => [n, i + 1] as const), ['SD', 22], ['D', 22]]);

const fitchScale = notchTable([...letterScaleWithModifiers.map((n, i) => [n, i + 1] as const), ['RD', 22], ['D', 22]]);

const moodysScale = notchTable(
  [
    'Aaa',
    'Aa1',
    'Aa2',
    'Aa3',
    'A1',
    'A2',
    'A3',
    'Baa1',
    'Baa2',
    'Baa3',
    'Ba1',
    'Ba2',
    'Ba3',
    'B1',
    'B2',
    'B3',
    'Caa1',
    'Caa2',
    'Caa3',
    'Ca',
    'C',
  ].map((n, i) => [n, i + 1] as const),
);

const dbrsScale = notchTable([
  ['AAA', 1],
  ['AA (high)', 2],
  ['AA', 3],
  ['AA (low)', 4],
  ['A (high)', 5],
  ['A', 6],
  ['A (low)', 7],
  ['BBB (high)', 8],
  ['BBB', 9],
  ['BBB (low)', 10],
  ['BB (high)', 11],
  ['BB', 12],
  ['BB (low)', 13],
  ['B (high)', 14],
  ['B', 15],
  ['B (low)', 16],
  ['CCC (high)', 17],
  ['CCC', 18],
  ['CCC (low)', 19],
  ['CC (high)', 20],
  ['CC', 20],
  ['CC (low)', 20],
  ['C (high)', 21],
  ['C', 21],
  ['C (low)', 21],
  ['SD', 22],
  ['D', 22],
]);

export const ratingScales: Readonly<Record<RatingAgency, ReadonlyMap<string, number>>> = {
  SP: spScale,
  FITCH: fitchScale,
  MOODYS: moodysScale,
  DBRS: dbrsScale,
};

/** The notations of an agency's scale, best first. */
export function ratingScale(agency: RatingAgency): readonly string[] {
  return [...ratingScales[agency].keys()];
}
