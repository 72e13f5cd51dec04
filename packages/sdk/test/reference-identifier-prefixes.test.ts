import { describe, expect, it } from 'vitest';
import { checkIsin, isinCheckDigit } from '../src/reference/isin.js';
import { isIsinPrefix } from '../src/reference/isin-prefixes.js';
import { isIsoCountryCode, isIsoCurrencyCode } from '../src/reference/iso-codes.js';
import { checkLei, leiCheckDigits } from '../src/reference/lei.js';
import { referenceIdentifierIssues } from '../src/reference/reference-identifier-issues.js';

/** A syntactically perfect ISIN (right check digit) under any prefix, so only the prefix can be wrong. */
const isinWith = (prefix: string, body = '000A1G0AA') => `${prefix}${body}${isinCheckDigit(`${prefix}${body}`)}`;

describe('ISIN prefixes', () => {
  it.each(['US0378331005', 'XS2021832634', 'EU000A1G0AA6', 'AN8068571086', 'CH0012005267'])('accepts %s', (isin) => {
    expect(checkIsin(isin)).toEqual({ valid: true });
  });

  it.each(['XS', 'EU', 'EZ', 'XA', 'XB', 'XC', 'XD', 'XF', 'QS', 'QT', 'GB', 'JP', 'KY'])(
    'accepts the prefix %s',
    (prefix) => {
      expect(checkIsin(isinWith(prefix))).toEqual({ valid: true });
    },
  );

  it.each(['AA', 'ZZ', 'QQ', 'UK', 'XX', 'XK', 'OO', 'YY'])(
    'rejects the prefix %s with a valid check digit',
    (prefix) => {
      expect(checkIsin(isinWith(prefix))).toMatchObject({
        valid: false,
        reason: expect.stringContaining(`starts with "${prefix}"`),
      });
    },
  );

  it('reports a bad prefix among an entity identifiers', () => {
    expect(referenceIdentifierIssues({ isin: isinWith('ZZ') })).toEqual([
      { field: 'isin', message: expect.stringContaining('ISO 3166-1') },
    ]);
    expect(isIsinPrefix('XS')).toBe(true);
    expect(isIsinPrefix('xs')).toBe(false);
  });
});

describe('LEI (ISO 17442, ISO 7064 MOD 97-10)', () => {
  it.each([
    '506700GE1G29325QX363',
    '529900T8BM49AURSDO55',
    `5493001KJTIIGC8Y1R${leiCheckDigits('5493001KJTIIGC8Y1R')}`,
  ])('accepts %s', (lei) => {
    expect(checkLei(lei)).toEqual({ valid: true });
  });

  it('rejects a wrong check digit, a transposition and the impossible check digits 00, 01 and 99', () => {
    for (const lei of [
      '506700GE1G29325QX364',
      '506700GE1G29325XQ363',
      '506700GE1G29325QX300',
      '506700GE1G29325QX301',
      '506700GE1G29325QX399',
    ]) {
      expect(checkLei(lei)).toMatchObject({
        valid: false,
        reason: expect.stringMatching(/check digits \d\d, expected \d\d/),
      });
    }
  });

  it.each([
    '506700ge1g29325qx363',
    '506700GE1G29325QX36',
    '506700GE1G29325QX3633',
    '506700GE1G29325QXA3',
    '506700GE1G29325-X363',
  ])('rejects the shape of %s', (lei) => {
    expect(checkLei(lei)).toMatchObject({ valid: false, reason: expect.stringContaining('20 characters') });
  });
});

describe('currency and country codes', () => {
  it('refuses the ISO 4217 codes that name no currency, keeps metals and funds codes', () => {
    expect(['XXX', 'XTS'].map(isIsoCurrencyCode)).toEqual([false, false]);
    expect(['USD', 'XAU', 'XDR', 'CHF', 'CLF'].map(isIsoCurrencyCode)).toEqual([true, true, true, true, true]);
  });

  it('refuses user-assigned ISO 3166-1 codes (XK, AA, QM–QZ, XA–XZ, ZZ) as countries', () => {
    expect(['XK', 'AA', 'QM', 'QZ', 'XS', 'ZZ', 'EU', 'UK'].map(isIsoCountryCode)).toEqual(Array(8).fill(false));
    expect(['GB', 'US', 'CW', 'SS'].map(isIsoCountryCode)).toEqual([true, true, true, true]);
    expect(referenceIdentifierIssues({ geography: 'XK', currency: 'XXX' }).map((issue) => issue.field)).toEqual([
      'geography',
      'currency',
    ]);
  });
});
