import currencyCodes from 'currency-codes';
// The package's browser entry: the codes without the country names in ~80 languages that its Node entry registers on
// import (megabytes parsed at every start-up, for a check that only needs the codes). Typed by the same index.d.ts.
import countries from 'i18n-iso-countries/index.js';

/** ISO 4217 codes that name no currency: XXX ("no currency involved") and XTS (reserved for testing). */
const notCurrencies: ReadonlySet<string> = new Set(['XXX', 'XTS']);

/**
 * ISO 3166-1 reserves AA, QM–QZ, XA–XZ and ZZ for users' own purposes: they are not countries, although data sets
 * (including i18n-iso-countries, for Kosovo's XK) list some of them.
 */
const userAssignedCountryCode = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

// currency-codes looks a code up by scanning its whole list; an ingest asks once per row.
let currencies: ReadonlySet<string> | undefined;

/** True for an active ISO 4217 currency code (e.g. `USD`), per the currency-codes data package, other than XXX and XTS. */
export function isIsoCurrencyCode(code: string): boolean {
  currencies ??= new Set(currencyCodes.codes().filter((candidate) => !notCurrencies.has(candidate)));
  return currencies.has(code);
}

/** True for an ISO 3166-1 alpha-2 country code (e.g. `US`), per the i18n-iso-countries data package, user-assigned codes excluded. */
export function isIsoCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !userAssignedCountryCode.test(code) && countries.isValid(code);
}
