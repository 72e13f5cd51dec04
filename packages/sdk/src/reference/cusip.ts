import { identifierInvalid, identifierValid, type IdentifierCheck } from './identifier-check.js';
import { luhnDigitSum } from './luhn-digit-sum.js';

const cusipShape = /^[0-9A-Z*@#]{8}[0-9]$/;
const specialCharacterValues: Readonly<Record<string, number>> = { '*': 36, '@': 37, '#': 38 };

/** CUSIP: eight characters (digits, letters, `*`, `@`, `#`) and a modulus-10 "double-add-double" check digit. */
export function checkCusip(cusip: string): IdentifierCheck {
  if (!cusipShape.test(cusip)) {
    return identifierInvalid(`CUSIP "${cusip}" must be 9 characters: eight letters, digits or *@# and a check digit`);
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
