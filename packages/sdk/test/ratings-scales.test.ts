import { describe, expect, it } from 'vitest';
import { compositeRating } from '../src/ratings/composite-rating.js';
import { notchToNotation } from '../src/ratings/notch-to-notation.js';
import { parseRating, type ParsedRating } from '../src/ratings/parse-rating.js';
import type { RatingAgency } from '../src/schemas/enums.js';
import { ratingScale } from '../src/ratings/rating-scales.js';

function rating(agency: RatingAgency, notation: string): ParsedRating {
  const parsed = parseRating(agency, notation);
  if (parsed === undefined) throw new Error(`test setup: ${agency} ${notation} is not on the scale`);
  return parsed;
}

describe('agency scales', () => {
  it('S&P and Fitch run AAA … D with +/−; Moody’s Aaa … C with 1/2/3; DBRS AAA … D with (high)/(low)', () => {
    expect(ratingScale('SP')[0]).toBe('AAA');
    expect(ratingScale('SP').at(-1)).toBe('D');
    expect(ratingScale('FITCH')).toContain('BBB-');
    expect(ratingScale('MOODYS')).toEqual(expect.arrayContaining(['Aaa', 'Baa3', 'Caa1', 'C']));
    expect(ratingScale('DBRS')).toEqual(expect.arrayContaining(['AA (high)', 'BBB (low)', 'D']));
  });

  it.each([
    ['SP', 'BBB-', 10],
    ['FITCH', 'BBB-', 10],
    ['MOODYS', 'Baa3', 10],
    ['DBRS', 'BBB (low)', 10],
    ['SP', 'AAA', 1],
    ['MOODYS', 'Aa2', 3],
    ['DBRS', 'AA (low)', 4],
    ['SP', 'BB+', 11],
    ['MOODYS', 'Ba1', 11],
    ['DBRS', 'BB (high)', 11],
    ['SP', 'D', 22],
    ['MOODYS', 'C', 21],
  ] as const)('%s %s is notch %i', (agency, notation, notch) => {
    expect(rating(agency, notation).notch).toBe(notch);
  });

  it('flags investment grade down to BBB−/Baa3/BBB (low) and not below', () => {
    expect(rating('SP', 'BBB-').investmentGrade).toBe(true);
    expect(rating('MOODYS', 'Baa3').investmentGrade).toBe(true);
    expect(rating('DBRS', 'BBB (low)').investmentGrade).toBe(true);
    expect(rating('FITCH', 'BB+').investmentGrade).toBe(false);
    expect(rating('MOODYS', 'Ba1').investmentGrade).toBe(false);
    expect(rating('DBRS', 'BB (high)').investmentGrade).toBe(false);
  });

  it('canonicalises the Unicode minus and DBRS modifiers without the space', () => {
    expect(rating('SP', 'BBB\u2212').notation).toBe('BBB-');
    expect(rating('DBRS', 'BBB(low)').notation).toBe('BBB (low)');
    expect(rating('DBRS', 'A(HIGH)').notation).toBe('A (high)');
  });

  it.each([
    ['SP', 'Baa3'],
    ['MOODYS', 'BBB-'],
    ['MOODYS', 'D'],
    ['FITCH', 'AAA+'],
    ['DBRS', 'BBB-'],
    ['SP', 'bbb'],
    ['SP', ''],
  ] as const)('rejects %s notation "%s"', (agency, notation) => {
    expect(parseRating(agency, notation)).toBeUndefined();
  });

  it('maps a notch back to each agency’s notation', () => {
    expect(notchToNotation('MOODYS', 10)).toBe('Baa3');
    expect(notchToNotation('DBRS', 8)).toBe('BBB (high)');
    expect(notchToNotation('SP', 99)).toBeUndefined();
  });
});

describe('composite rating', () => {
  const threeAgencies = [rating('SP', 'A'), rating('MOODYS', 'Baa1'), rating('FITCH', 'A-')];

  it('SECOND_BEST: with three ratings takes the worse of the two best (Basel II)', () => {
    expect(compositeRating(threeAgencies, 'SECOND_BEST')).toMatchObject({ notch: 7, investmentGrade: true });
  });

  it('SECOND_BEST: with two ratings takes the worse, with one takes it', () => {
    expect(compositeRating([rating('SP', 'A'), rating('MOODYS', 'Baa1')])?.notch).toBe(8);
    expect(compositeRating([rating('DBRS', 'AA (low)')])?.notch).toBe(4);
  });

  it('WORST_OF, BEST_OF and AVERAGE (rounded towards the worse notch)', () => {
    expect(compositeRating(threeAgencies, 'WORST_OF')?.notch).toBe(8);
    expect(compositeRating(threeAgencies, 'BEST_OF')?.notch).toBe(6);
    expect(compositeRating([rating('SP', 'A'), rating('FITCH', 'A-')], 'AVERAGE')?.notch).toBe(7);
    expect(compositeRating(threeAgencies, 'AVERAGE')?.notch).toBe(7);
  });

  it('falls below investment grade when the composite notch passes BBB−', () => {
    const split = [rating('SP', 'BBB-'), rating('MOODYS', 'Ba1'), rating('FITCH', 'BB+')];
    expect(compositeRating(split, 'SECOND_BEST')).toMatchObject({ notch: 11, investmentGrade: false });
    expect(compositeRating(split, 'BEST_OF')).toMatchObject({ notch: 10, investmentGrade: true });
  });

  it('lists its inputs best first and returns undefined without ratings', () => {
    expect(compositeRating(threeAgencies)?.inputs.map((r) => r.agency)).toEqual(['SP', 'FITCH', 'MOODYS']);
    expect(compositeRating([])).toBeUndefined();
  });
});
