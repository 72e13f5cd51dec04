import { isIsoCountryCode } from './iso-codes.js';

/**
 * ISIN prefixes that are not ISO 3166-1 country codes but are allocated under ISO 6166: XS for international
 * securities numbered by Euroclear and Clearstream; EU for securities of European Union institutions; EZ for OTC
 * derivatives numbered by ANNA's Derivatives Service Bureau; XA, XB, XC, XD and XF, QS and QT, allocated by numbering
 * agencies to securities without a single country of issue; AN, the withdrawn Netherlands Antilles code, under which
 * ISINs were allocated and are still outstanding (an ISIN never changes when its country code is withdrawn).
 */
const nonCountryIsinPrefixes: ReadonlySet<string> = new Set([
  'XS',
  'EU',
  'EZ',
  'XA',
  'XB',
  'XC',
  'XD',
  'XF',
  'QS',
  'QT',
  'AN',
]);

/** True for a prefix an ISIN can carry: an ISO 3166-1 alpha-2 country code or one of nonCountryIsinPrefixes. */
export function isIsinPrefix(prefix: string): boolean {
  return isIsoCountryCode(prefix) || nonCountryIsinPrefixes.has(prefix);
}
