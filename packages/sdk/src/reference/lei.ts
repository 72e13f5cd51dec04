import { identifierInvalid, identifierValid, type IdentifierCheck } from './identifier-check.js';

const leiShape = /^[0-9A-Z]{18}[0-9]{2}$/;

/**
 * ISO 17442 LEI: 18 letters or digits and two check digits. With letters expanded to two digits (A=10 … Z=35), the
 * whole code read as a number leaves remainder 1 modulo 97 (ISO 7064 MOD 97-10, as in IBANs); check digits are
 * therefore 02 to 98.
 */
export function checkLei(lei: string): IdentifierCheck {
  if (!leiShape.test(lei)) {
    return identifierInvalid(
      `LEI "${lei}" must be 20 characters: 18 upper-case letters or digits and two check digits`,
    );
  }
  const expected = leiCheckDigits(lei.slice(0, 18));
  const actual = lei.slice(18);
  if (expected !== actual) return identifierInvalid(`LEI "${lei}" has check digits ${actual}, expected ${expected}`);
  return identifierValid;
}

/** The two check digits for the first 18 characters of an LEI. */
export function leiCheckDigits(body: string): string {
  return String(98 - mod97(`${body}00`)).padStart(2, '0');
}

function mod97(code: string): number {
  let remainder = 0;
  for (const char of code) {
    const digits = Number.parseInt(char, 36).toString();
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}
