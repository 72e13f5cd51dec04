import { ExactDecimal, type Decimal } from '../types/exact-decimal.js';

/**
 * A number in a feed payload: a JSON number or a decimal string (exact, and the only way to send more digits than a
 * double holds). Returns undefined for anything else, including NaN and ±Infinity in either form.
 */
export function payloadNumber(value: unknown): Decimal | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? new ExactDecimal(value) : undefined;
  if (typeof value !== 'string' || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value.trim())) return undefined;
  return new ExactDecimal(value.trim());
}
