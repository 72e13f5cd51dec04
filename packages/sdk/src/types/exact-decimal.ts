// The named export, not the default: decimal.js types its default export as the class under ESM resolution
// ("bundler") but as the module object under CommonJS resolution ("nodenext"), so a default import in our .d.ts broke
// one of the two for consumers who type-check libraries (skipLibCheck: false). The named export is the class in both.
import { Decimal as DecimalClass } from 'decimal.js';

type DecimalConstructor = typeof DecimalClass;

/** decimal.js instance type. */
export type Decimal = InstanceType<DecimalConstructor>;

/**
 * decimal.js rounds every result to 20 significant digits by default, which silently corrupts 28-digit quantities.
 * This clone keeps 1 000 significant digits, so sums and products of iprs values are exact; divisions (FX inverses and
 * triangulation) are rounded explicitly by their callers.
 */
export const ExactDecimal = DecimalClass.clone({ precision: 1_000, rounding: DecimalClass.ROUND_HALF_EVEN });

/** Significant digits kept by a division (FX inverses and triangulation): IEEE 754 decimal128 precision. */
const DIVISION_SIGNIFICANT_DIGITS = 34;

/** Divides in decimal128 precision, rounding half-even once (computing 1 000 digits first would be wasted work). */
const DivisionDecimal = DecimalClass.clone({
  precision: DIVISION_SIGNIFICANT_DIGITS,
  rounding: DecimalClass.ROUND_HALF_EVEN,
});

/** `numerator / denominator`, exact when the quotient fits 34 significant digits, else rounded half-even to 34. */
export const divideDecimal = (numerator: Decimal, denominator: Decimal): Decimal =>
  new ExactDecimal(new DivisionDecimal(numerator).dividedBy(new DivisionDecimal(denominator)));
