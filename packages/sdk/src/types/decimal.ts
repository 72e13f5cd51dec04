import { z } from 'zod';
import { amountDomainType, decimalLimitProblem, limitsOfNumericType } from './decimal-limits.js';
import { type Decimal, ExactDecimal } from './exact-decimal.js';

/**
 * Money and quantities travel as exact decimal strings (`'1234567890123456789012345678.25'`), never as JS numbers.
 * Rows carry PostgreSQL's own text form (scale kept, e.g. `'1.50'`); do arithmetic with `toDecimal()` (decimal.js).
 */
export type DecimalString = string;

/** PostgreSQL's text output of a finite `numeric`. */
export const DECIMAL_TEXT_PATTERN = /^-?\d+(\.\d+)?$/u;

const amountDomainLimits = {
  ...limitsOfNumericType(amountDomainType),
  source: `the amount domain ${amountDomainType}`,
};

const decimalTextOf = (value: string | number | bigint): string => (typeof value === 'string' ? value : String(value));

const DECIMAL_INPUT_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/u;

/** Exact decimal.js instance (1 000 significant digits) of a decimal string, number or bigint. */
export const toDecimal = (value: DecimalString | number | bigint | Decimal): Decimal =>
  new ExactDecimal(typeof value === 'bigint' ? value.toString() : value);

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/u;

/** Canonical text of a decimal: no exponent, no trailing fractional zeros, no `-0` (`'1.500'` → `'1.5'`, `'-0'` → `'0'`). */
export const normalizeDecimal = (value: DecimalString | number | bigint | Decimal): DecimalString => {
  const plain = typeof value === 'string' ? PLAIN_DECIMAL.exec(value) : null;
  if (plain) return canonicalPlainDecimal(plain[1] ?? '', plain[2] ?? '0', plain[3] ?? '');
  const decimal = ExactDecimal.isDecimal(value) ? value : toDecimal(value);
  return decimal.isZero() ? '0' : decimal.toFixed();
};

/**
 * normalizeDecimal of `-?digits(.digits)?` by trimming zeros: the text a bulk load or an ingest meets for nearly every
 * amount, where building a decimal.js value to print it again cost more than the rest of the row's validation.
 */
const canonicalPlainDecimal = (sign: string, integer: string, fraction: string): DecimalString => {
  let start = 0;
  while (start < integer.length - 1 && integer.charCodeAt(start) === 48) start += 1;
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === 48) end -= 1;
  const whole = start === 0 ? integer : integer.slice(start);
  if (whole === '0' && end === 0) return '0';
  return `${sign}${whole}${end === 0 ? '' : `.${fraction.slice(0, end)}`}`;
};

/**
 * What decimalInput outputs for a plain decimal string (`-?digits(.digits)?`, no spaces or exponent) within the amount
 * domain, or undefined for any other value, which decimalInput itself must judge.
 */
export const plainDecimalInput = (value: unknown): DecimalString | undefined => {
  if (typeof value !== 'string') return undefined;
  const plain = PLAIN_DECIMAL.exec(value);
  if (plain === null || decimalLimitProblem(value, amountDomainLimits) !== undefined) return undefined;
  return canonicalPlainDecimal(plain[1] ?? '', plain[2] ?? '0', plain[3] ?? '');
};

/**
 * Input side of a decimal: a decimal string (exponent allowed), a finite number (taken by its shortest round-trip text,
 * so `0.1` means exactly 0.1) or a bigint. Outputs the normalised exact string.
 */
export const decimalInput = z
  .union([
    z.string().trim().regex(DECIMAL_INPUT_PATTERN, { error: 'must be a decimal number such as 1234.56' }),
    z.number({ error: 'must be a finite number' }),
    z.bigint(),
  ])
  // Measured on the text before anything expands it: '1e999999999' would otherwise become a billion-digit string.
  .check((context) => {
    const problem = decimalLimitProblem(decimalTextOf(context.value), amountDomainLimits);
    if (problem !== undefined) context.issues.push({ code: 'custom', message: problem, input: context.value });
  })
  .transform((value) => normalizeDecimal(value));

export const positiveDecimalInput = decimalInput.refine((value) => toDecimal(value).greaterThan(0), {
  error: 'must be greater than zero',
});
