import { identifierInvalid, identifierValid, type IdentifierCheck } from './identifier-check.js';
import { luhnDigitSum } from './luhn-digit-sum.js';

// *, @ and # mark private placement numbers and stand only in the 6th to 8th characters.
const cusipShape = /^[0-9A-Z]{5}[0-9A-Z*@#]{3}[0-9]$/;
const specialCharacterValues: Readonly<Record<string, number>> = { '*': 36, '@': 37, '#': 38 };

/**
 * CUSIP: eight characters (digits and letters; `*`, `@`, `#` only in the 6th to 8th, as private placement numbers use
 * them) and a modulus-10 "double-add-double" check digit.
 */
export function checkCusip(cusip: string): IdentifierCheck {
  if (!cusipShape.test(cusip)) {
    return identifierInvalid(
      `CUSIP "${cusip}" must be 9 characters: eight upper-case letters or digits (*@# only in the 6th to 8th) and a check digit`,
    );
  }
  const expected = cusipCheckDigit(cusip.slice(0, 8));
  const actual = Number(cusip[8]);
  if (expected !== actual) {
    return identifierInvalid(`CUSIP "${cusip}" has check digit ${actual}, expected ${expected}`);
  }
  return identifierValid;
}

/** The check digit for the first 8 characters of a CUSIP. */
export function cusipCheckDigit(body: string): number {
  let sum = 0;
  [...body].forEach((char, index) => {
    const value = specialCharacterValues[char] ?? Number.parseInt(char, 36);
    sum += luhnDigitSum(index % 2 === 1 ? value * 2 : value);
  });
  return (10 - (sum % 10)) % 10;
}
