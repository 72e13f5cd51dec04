import { describe, expect, it } from 'vitest';
import { decimalLimitProblem, type DecimalLimits } from '../src/types/decimal-limits.js';

const limits: DecimalLimits = { integerDigits: 5, fractionDigits: 3, source: 'numeric(8,3)' };

describe('decimalLimitProblem counts significant digits, whatever zeros pad them', () => {
  it('for every mix of significant digits, padding zeros and sign around the limits', () => {
    for (let integer = 0; integer <= 7; integer += 1) {
      for (let fraction = 0; fraction <= 5; fraction += 1) {
        for (const [leadingZeros, trailingZeros] of [
          [0, 0],
          [3, 0],
          [0, 4],
          [9, 9],
        ] as const) {
          for (const sign of ['', '-']) {
            const whole = `${'0'.repeat(leadingZeros)}${integer === 0 ? '0' : `1${'2'.repeat(integer - 1)}`}`;
            const tail =
              fraction === 0 ? '0'.repeat(trailingZeros) : `${'3'.repeat(fraction - 1)}4${'0'.repeat(trailingZeros)}`;
            const text = `${sign}${whole}${tail === '' ? '' : `.${tail}`}`;
            const problem = decimalLimitProblem(text, limits);
            const expected = integer > 5 ? 'before' : fraction > 3 ? 'after' : undefined;
            expect([text, problem === undefined ? undefined : /before/u.test(problem) ? 'before' : 'after']).toEqual([
              text,
              expected,
            ]);
          }
        }
      }
    }
  });

  it('measures exponents without expanding them, and leaves what is not a decimal to the value check', () => {
    expect(decimalLimitProblem('1e400', limits)).toMatch(/has 401 digits before the decimal point; at most 5/u);
    expect(decimalLimitProblem('12345e-3', limits)).toBeUndefined();
    expect(decimalLimitProblem('1.5E-4', limits)).toMatch(/after the decimal point/u);
    expect(decimalLimitProblem('+123.4', limits)).toBeUndefined();
    expect(decimalLimitProblem('abc', limits)).toBeUndefined();
    expect(decimalLimitProblem('1.2.3', limits)).toBeUndefined();
  });
});
