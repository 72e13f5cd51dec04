import { identifierInvalid, identifierValid, type IdentifierCheck } from './identifier-check.js';
import { isIsinPrefix } from './isin-prefixes.js';
import { luhnDigitSum } from './luhn-digit-sum.js';

const isinShape = /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/;

/**
 * ISO 6166 ISIN: two-letter prefix (an ISO 3166-1 country or an allocated non-country prefix such as XS, see
 * isin-prefixes.ts), nine alphanumerics, one check digit. Letters expand to two digits (A=10 … Z=35) and the Luhn
 * algorithm runs over the resulting digit string.
 */
export function checkIsin(isin: string): IdentifierCheck {
  if (!isinShape.test(isin)) {
    return identifierInvalid(
      `ISIN "${isin}" must be 12 characters: two letters, nine letters or digits, and a check digit`,
    );
  }
  const prefix = isin.slice(0, 2);
  if (!isIsinPrefix(prefix)) {
    return identifierInvalid(
      `ISIN "${isin}" starts with "${prefix}", which is neither an ISO 3166-1 country code nor a prefix allocated to ISINs (such as XS)`,
    );
  }
  const expected = isinCheckDigit(isin.slice(0, 11));
  const actual = Number(isin[11]);
  if (expected !== actual) {
    return identifierInvalid(`ISIN "${isin}" has check digit ${actual}, expected ${expected}`);
  }
  return identifierValid;
}

/** The check digit for the first 11 characters of an ISIN. */
export function isinCheckDigit(body: string): number {
  const digits = [...body].map((char) => Number.parseInt(char, 36).toString()).join('');
  let sum = 0;
  // Walking right to left over the payload, the rightmost digit is doubled (the check digit would sit right of it).
  for (let index = digits.length - 1, double = true; index >= 0; index -= 1, double = !double) {
    const digit = Number(digits[index]);
    sum += double ? luhnDigitSum(digit * 2) : digit;
  }
  return (10 - (sum % 10)) % 10;
}
