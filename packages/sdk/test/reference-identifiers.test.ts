import { describe, expect, it } from 'vitest';
import { checkCusip, cusipCheckDigit } from '../src/reference/cusip.js';
import { checkIsin, isinCheckDigit } from '../src/reference/isin.js';
import { isIsoCountryCode, isIsoCurrencyCode } from '../src/reference/iso-codes.js';

describe('ISIN check digit', () => {
  it.each(['US0378331005', 'GB0002634946', 'DE000BAY0017', 'AU0000XVGZA3', 'US38259P5089'])('accepts %s', (isin) => {
    expect(checkIsin(isin)).toEqual({ valid: true });
  });

  it('rejects US0373831005 (transposed digits) and names the expected check digit', () => {
    const check = checkIsin('US0373831005');
    expect(check.valid).toBe(false);
    expect(check).toMatchObject({ reason: expect.stringContaining('US0373831005') });
    expect(check).toMatchObject({ reason: expect.stringMatching(/expected \d/) });
  });

  it.each(['us0378331005', 'US037833100', 'US03783310055', '120378331005', 'US037833100X'])(
    'rejects the shape of %s',
    (isin) => {
      expect(checkIsin(isin)).toMatchObject({ valid: false, reason: expect.stringContaining('12 characters') });
    },
  );

  it('computes the check digit of the payload', () => {
    expect(isinCheckDigit('US037833100')).toBe(5);
  });
});

describe('CUSIP check digit', () => {
  it.each(['037833100', '38259P508', '594918104', '68389X105'])('accepts %s', (cusip) => {
    expect(checkCusip(cusip)).toEqual({ valid: true });
  });

  it('rejects 68389X106 (check digit should be 5)', () => {
    expect(checkCusip('68389X106')).toEqual({
      valid: false,
      reason: 'CUSIP "68389X106" has check digit 6, expected 5',
    });
  });

  it.each(['03783310', '0378331000', '03783310a', 'O37833-00'])('rejects the shape of %s', (cusip) => {
    expect(checkCusip(cusip)).toMatchObject({ valid: false, reason: expect.stringContaining('9 characters') });
  });

  it('handles the special characters *, @ and #', () => {
    expect(cusipCheckDigit('ABC*@#12')).toBeGreaterThanOrEqual(0);
    expect(checkCusip(`ABC*@#12${cusipCheckDigit('ABC*@#12')}`)).toEqual({ valid: true });
  });
});

describe('ISO 4217 and ISO 3166 codes', () => {
  it.each(['USD', 'EUR', 'JPY', 'GBP', 'CHF'])('knows the currency %s', (code) => {
    expect(isIsoCurrencyCode(code)).toBe(true);
  });
  it.each(['XYZ', 'usd', 'US', 'EURO'])('rejects the currency %s', (code) => {
    expect(isIsoCurrencyCode(code)).toBe(false);
  });
  it.each(['US', 'GB', 'DE', 'JP'])('knows the country %s', (code) => {
    expect(isIsoCountryCode(code)).toBe(true);
  });
  it.each(['XX', 'us', 'USA', 'ZZ'])('rejects the country %s', (code) => {
    expect(isIsoCountryCode(code)).toBe(false);
  });
});
