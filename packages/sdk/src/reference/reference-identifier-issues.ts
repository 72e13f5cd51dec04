import type { ValidationIssue } from '../errors/validation-error.js';
import { checkCusip } from './cusip.js';
import { checkIsin } from './isin.js';
import { isIsoCountryCode, isIsoCurrencyCode } from './iso-codes.js';

export interface ReferenceIdentifiers {
  readonly isin?: string | null | undefined;
  readonly cusip?: string | null | undefined;
  readonly geography?: string | null | undefined;
  readonly currency?: string | null | undefined;
}

/** ISINs of these countries embed the security's CUSIP as characters 3–11 (the CUSIP Global Services scheme). */
const cusipBasedIsinPrefixes = new Set(['US', 'CA']);

/**
 * Everything wrong with an entity's identifiers, beyond shape: ISIN and CUSIP check digits, a US/CA ISIN that does
 * not embed the given CUSIP, a geography that is not an ISO 3166-1 alpha-2 country, a currency not in ISO 4217.
 */
export function referenceIdentifierIssues(identifiers: ReferenceIdentifiers): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { isin, cusip, geography, currency } = identifiers;
  if (isin) {
    const check = checkIsin(isin);
    if (!check.valid) issues.push({ field: 'isin', message: check.reason });
  }
  if (cusip) {
    const check = checkCusip(cusip);
    if (!check.valid) issues.push({ field: 'cusip', message: check.reason });
  }
  if (isin && cusip && cusipBasedIsinPrefixes.has(isin.slice(0, 2)) && isin.slice(2, 11) !== cusip) {
    issues.push({ field: 'isin', message: `ISIN ${isin} does not embed CUSIP ${cusip}` });
  }
  if (geography && !isIsoCountryCode(geography)) {
    issues.push({ field: 'geography', message: `"${geography}" is not an ISO 3166-1 alpha-2 country code` });
  }
  if (currency && !isIsoCurrencyCode(currency)) {
    issues.push({ field: 'currency', message: `"${currency}" is not an ISO 4217 currency code` });
  }
  return issues;
}
