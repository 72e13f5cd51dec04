import { describe, expect, it } from 'vitest';
import { normalizeDecimal, toDecimal } from '../src/index.js';

/** What decimal.js prints for the value: the reference the plain-text fast path must match. */
const viaDecimalJs = (text: string) => {
  const decimal = toDecimal(text);
  return decimal.isZero() ? '0' : decimal.toFixed();
};

describe('normalizeDecimal of plain decimal text matches decimal.js to the character', () => {
  it.each([
    ['0', '0'],
    ['-0', '0'],
    ['-0.000', '0'],
    ['000', '0'],
    ['0007.2500', '7.25'],
    ['-0007.2500', '-7.25'],
    ['1.500', '1.5'],
    ['10', '10'],
    ['100.0', '100'],
    ['-0.05', '-0.05'],
    ['0.10', '0.1'],
    ['1234567890123456789012345678.123456789012345678', '1234567890123456789012345678.123456789012345678'],
  ])('%s → %s', (text, expected) => {
    expect(normalizeDecimal(text)).toBe(expected);
    expect(viaDecimalJs(text)).toBe(expected);
  });

  it('for 20 000 generated texts: leading and trailing zeros, signs, long digit runs', () => {
    let state = 11;
    const next = (bound: number) => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state % bound;
    };
    const digits = (count: number) => Array.from({ length: count }, () => String(next(10) < 3 ? 0 : next(10))).join('');
    for (let index = 0; index < 20_000; index += 1) {
      const integer = digits(1 + next(30));
      const text = `${next(2) === 0 ? '-' : ''}${integer}${next(2) === 0 ? `.${digits(1 + next(20))}` : ''}`;
      expect([text, normalizeDecimal(text)]).toEqual([text, viaDecimalJs(text)]);
    }
  });

  it('leaves other spellings to decimal.js: exponents, a leading + or dot, numbers and bigints', () => {
    for (const value of ['1e3', '+5.10', '.5', '5.', '1.5E-2'])
      expect(normalizeDecimal(value)).toBe(viaDecimalJs(value));
    expect(normalizeDecimal(0.1)).toBe('0.1');
    expect(normalizeDecimal(12345678901234567890n)).toBe('12345678901234567890');
  });
});
