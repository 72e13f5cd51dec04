import currencyCodes from 'currency-codes';
// The package's browser entry: the codes without the country names in ~80 languages that its Node entry registers on
// import (megabytes parsed at every start-up, for a check that only needs the codes). Typed by the same index.d.ts.
import countries from 'i18n-iso-countries/index.js';

/** True for an active ISO 4217 alphabetic currency code (e.g. `USD`), per the currency-codes data package. */
export function isIsoCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && currencyCodes.code(code) !== undefined;
}

/** True for an ISO 3166-1 alpha-2 country code (e.g. `US`), per the i18n-iso-countries data package. */
export function isIsoCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}
